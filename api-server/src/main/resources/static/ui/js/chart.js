// A line chart as inline SVG: a few series over time, 0..max on the y axis. Drawn with
// createElementNS and text nodes only.

const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * series: [{name, color, points: [{t: ms, v: number}]}]. Returns an <svg> with a title, axes,
 * one polyline per series and a <desc> listing the last value of each (for screen readers).
 */
export function lineChart(title, series, {width = 640, height = 220, max} = {}) {
  const pad = {l: 40, r: 10, t: 10, b: 24};
  const all = series.flatMap((s) => s.points);
  const t0 = all.length ? Math.min(...all.map((p) => p.t)) : 0;
  const t1 = all.length ? Math.max(...all.map((p) => p.t)) : 1;
  const top = max !== undefined ? max : Math.max(1, ...all.map((p) => p.v));
  const x = (t) => pad.l + ((t - t0) / Math.max(1, t1 - t0)) * (width - pad.l - pad.r);
  const y = (v) => height - pad.b - (v / top) * (height - pad.t - pad.b);
  const svg = el('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title});
  svg.append(el('title', {}, title));
  svg.append(el('desc', {}, series.map((s) => `${s.name}: ${s.points.length ? s.points[s.points.length - 1].v : 'no data'}`).join('; ')));
  svg.append(el('line', {class: 'axis', x1: pad.l, y1: y(0), x2: width - pad.r, y2: y(0)}));
  svg.append(el('line', {class: 'axis', x1: pad.l, y1: pad.t, x2: pad.l, y2: y(0)}));
  for (const v of [0, top / 2, top]) {
    svg.append(el('text', {x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end'}, Number.isInteger(v) ? String(v) : v.toFixed(2)));
  }
  if (all.length) {
    svg.append(el('text', {x: pad.l, y: height - 6}, new Date(t0).toLocaleTimeString()));
    svg.append(el('text', {x: width - pad.r, y: height - 6, 'text-anchor': 'end'}, new Date(t1).toLocaleTimeString()));
  }
  for (const s of series) {
    if (!s.points.length) continue;
    const points = s.points.length === 1 ? [s.points[0], {t: t1 + 1, v: s.points[0].v}] : s.points;
    svg.append(el('polyline', {points: points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '),
      fill: 'none', stroke: s.color, 'stroke-width': 2, 'data-series': s.name}));
  }
  return svg;
}
