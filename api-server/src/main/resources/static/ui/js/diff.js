// A RevisionDiff (layers, flags, segments) as tables of path changes.

import {h, json, selectorText} from './dom.js';

export const DIFF_FIELDS = `fromRevision toRevision schemaChanged
  layers { selector kind changes { path kind oldValue newValue } }
  flags { key kind changes { path kind oldValue newValue } }
  segments { key kind changes { path kind oldValue newValue } }`;

export function renderDiff(diff, dimensions) {
  const blocks = [];
  for (const layer of diff.layers) blocks.push(block(`Layer ${selectorText(layer.selector, dimensions)}`, layer));
  for (const flag of diff.flags) blocks.push(block(`Flag ${flag.key}`, flag));
  for (const segment of diff.segments) blocks.push(block(`Segment ${segment.key}`, segment));
  if (diff.schemaChanged) blocks.push(h('p', {}, 'The schema changed.'));
  if (!blocks.length) blocks.push(h('p', {class: 'muted'}, 'No changes.'));
  return h('div', {class: 'diff'}, blocks);
}

function block(title, item) {
  return h('div', {class: 'diff-block'},
      h('h4', {}, `${title} `, h('span', {class: `badge ${item.kind}`}, item.kind)),
      h('div', {class: 'table-wrap'}, h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Path'), h('th', {}, 'Change'), h('th', {}, 'Before'), h('th', {}, 'After'))),
          h('tbody', {}, item.changes.map((c) => h('tr', {class: c.kind},
              h('td', {class: 'mono'}, c.path || '/'), h('td', {}, c.kind),
              h('td', {class: 'mono'}, c.kind === 'ADDED' ? '' : json(c.oldValue)),
              h('td', {class: 'mono'}, c.kind === 'REMOVED' ? '' : json(c.newValue))))))));
}
