// DOM helpers. Everything the server sends is put on the page as text: these helpers never set
// innerHTML, so a value like "<img onerror=…>" shows as those characters.

/**
 * Builds an element: h('button', {type: 'button', onclick: fn}, 'Save').
 * Attributes whose name starts with "on" become listeners; `class`, `for` and the rest are set as
 * attributes; false, null and undefined attributes are left out. Children are nodes, strings
 * (added as text), numbers, arrays of those, or null (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'value') {
      el.value = value;
    } else if (name === 'checked' || name === 'selected' || name === 'disabled') {
      el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children as h() takes them. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces every child of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A JSON value as compact text ("*" stays readable in selectors). */
export function json(value) {
  return value === undefined ? '' : JSON.stringify(value);
}

/** A JSON value as indented text. */
export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

/** A selector or scope as "environment=prod, site=*". */
export function selectorText(selector, dimensions) {
  const names = dimensions || Object.keys(selector || {});
  const parts = names.map((d) => `${d}=${selector && selector[d] !== undefined ? selector[d] : '*'}`);
  return parts.length ? parts.join(', ') : 'defaults';
}

/** An ISO instant as local date and time, keeping the ISO text in the title. */
export function time(iso) {
  if (!iso) return h('span', {}, '—');
  const date = new Date(iso);
  return h('time', {datetime: iso, title: iso}, isNaN(date) ? iso : date.toLocaleString());
}

/** A status line for errors and results: role="status" so screen readers hear it. */
export function status(kind, text) {
  return h('p', {class: `status ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
}

/** Calls fn after the user has stopped typing for ms milliseconds. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A labelled form control: a <label> wrapping its text and the control. */
export function field(label, control, hint) {
  return h('label', {class: 'field'}, h('span', {class: 'label'}, label), control,
      hint ? h('span', {class: 'hint'}, hint) : null);
}

/** A button that runs an async action, disabled while it runs, reporting failure into out. */
export function action(label, run, attrs = {}) {
  const button = h('button', {type: 'button', ...attrs}, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  });
  return button;
}
