// #/namespaces/{ns}/layers: the layers, and a schema-aware JSON editor that dry-runs the layer as
// you type (validateLayer) and lists every violation at its path; an EDITOR commits it.

import {gql} from '../api.js';
import {h, replace, status, field, action, debounce, selectorText, pretty} from '../dom.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const NAMESPACE = `query($ns: String!) { namespace(name: $ns) { name dimensions revision
  schema { version schema } layers { selector content revision } } }`;
const VALIDATE = `query($ns: String!, $s: JSON!, $c: JSON!) { validateLayer(namespace: $ns, selector: $s, content: $c) {
  valid violations { scope layer path message rule } } }`;
const PUT = `mutation($ns: String!, $s: JSON!, $c: JSON!, $r: Int, $m: String) {
  putLayer(namespace: $ns, selector: $s, content: $c, expectedRevision: $r, message: $m) { revision } }`;
const DELETE = `mutation($ns: String!, $s: JSON!, $r: Int) {
  deleteLayer(namespace: $ns, selector: $s, expectedRevision: $r, message: "deleted from the dashboard") { revision } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision action author } }`;

export async function render(view, {params, me}) {
  const ns = params.ns;
  const editor = can(me, ns, 'EDITOR');
  let namespace;
  const list = h('section', {class: 'card', id: 'layers'});
  const out = h('div', {'aria-live': 'polite', id: 'layer-result'});
  const validation = h('div', {id: 'validation', 'aria-live': 'polite'});
  const selectorInputs = {};
  const content = h('textarea', {class: 'code', id: 'layer-content', name: 'content', spellcheck: 'false',
    'aria-describedby': 'validation', readonly: !editor});
  const message = h('input', {id: 'layer-message', name: 'message', placeholder: 'why this change'});
  let lastValid = false;
  let validating = 0;

  const commit = action('Commit layer', async () => {
    const parsed = parse();
    if (!parsed.ok) return;
    try {
      const {putLayer} = await gql(PUT, {ns, s: selector(), c: parsed.value, r: namespace.revision, m: message.value || null});
      replace(out, status('ok', `Committed revision ${putLayer.revision}.`));
      await load();
    } catch (e) {
      replace(out, status('error', e.describe()));
      if (e.violations.length) replace(validation, violations(e.violations));
    }
  }, {id: 'commit-layer', disabled: true});

  function selector() {
    const s = {};
    for (const d of namespace.dimensions) {
      const v = selectorInputs[d].value.trim();
      s[d] = v === '' ? '*' : v;
    }
    return s;
  }

  function parse() {
    try {
      return {ok: true, value: JSON.parse(content.value)};
    } catch (e) {
      return {ok: false, error: e.message};
    }
  }

  function violations(list) {
    return h('div', {},
        status('error', `${list.length} violation${list.length === 1 ? '' : 's'}: not committable as it is.`),
        h('ul', {class: 'violations', id: 'violations'}, list.map((v) => h('li', {'data-path': v.path},
            h('span', {class: 'path'}, v.path || '/'), `: ${v.message}`,
            h('span', {class: 'muted'}, ` (scope ${selectorText(v.scope, namespace.dimensions)}`
                + (v.layer ? `; layer ${selectorText(v.layer, namespace.dimensions)}` : '')
                + (v.rule ? `; rule ${v.rule}` : '') + ')')))));
  }

  const dryRun = debounce(async () => {
    const mine = ++validating;
    lastValid = false;
    commit.disabled = true;
    const parsed = parse();
    if (!parsed.ok) {
      replace(validation, status('error', `Not valid JSON: ${parsed.error}`));
      return;
    }
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      replace(validation, status('error', 'A layer is a JSON object.'));
      return;
    }
    replace(validation, h('p', {class: 'muted'}, 'Checking…'));
    try {
      const {validateLayer: report} = await gql(VALIDATE, {ns, s: selector(), c: parsed.value});
      if (mine !== validating) return;
      lastValid = report.valid;
      commit.disabled = !report.valid || !editor;
      replace(validation, report.valid
        ? status('ok', 'Valid: every scope this layer affects passes the schema.')
        : violations(report.violations));
    } catch (e) {
      if (mine === validating) replace(validation, status('error', e.describe()));
    }
  }, 300);

  function edit(layer) {
    for (const d of namespace.dimensions) {
      selectorInputs[d].value = layer ? (layer.selector[d] || '*') : '*';
    }
    content.value = layer ? pretty(layer.content) : '{\n}';
    replace(out);
    dryRun();
    content.focus();
  }

  let generation = 0; // a live reload and an action's own may finish out of order: the latest shows
  async function load() {
    const mine = ++generation;
    const data = await gql(NAMESPACE, {ns});
    if (mine !== generation) return;
    namespace = data.namespace;
    replace(list,
        h('h2', {}, `Layers at revision ${namespace.revision}`),
        namespace.layers.length ? h('div', {class: 'table-wrap'}, h('table', {},
            h('thead', {}, h('tr', {}, h('th', {}, 'Selector'), h('th', {}, 'Set at revision'), h('th', {}, 'Content'), h('th', {}, ''))),
            h('tbody', {}, namespace.layers.map((layer) => h('tr', {'data-selector': JSON.stringify(layer.selector)},
                h('td', {}, selectorText(layer.selector, namespace.dimensions)),
                h('td', {}, String(layer.revision)),
                h('td', {class: 'mono'}, JSON.stringify(layer.content)),
                h('td', {class: 'toolbar'},
                    h('button', {type: 'button', class: 'secondary', onclick: () => edit(layer)},
                        `${editor ? 'Edit' : 'View'} ${selectorText(layer.selector, namespace.dimensions)}`),
                    editor ? action('Delete', async () => {
                      try {
                        const {deleteLayer} = await gql(DELETE, {ns, s: layer.selector, r: namespace.revision});
                        replace(out, status('ok', `Deleted: revision ${deleteLayer.revision}.`));
                        await load();
                      } catch (e) {
                        replace(out, status('error', e.describe()));
                      }
                    }, {class: 'danger', 'aria-label': `Delete layer ${selectorText(layer.selector, namespace.dimensions)}`}) : null))))))
          : h('p', {class: 'muted'}, 'No layers yet.'));
  }

  await load();
  for (const d of namespace.dimensions) {
    selectorInputs[d] = h('input', {id: `selector-${d}`, name: d, value: '*', size: 12, readonly: !editor});
    selectorInputs[d].addEventListener('input', dryRun);
  }
  content.addEventListener('input', dryRun);
  content.value = '{\n}';

  replace(view,
      h('h1', {}, `${ns}: layers`),
      list,
      h('section', {class: 'card', id: 'editor'},
          h('h2', {}, editor ? 'Edit a layer' : 'Layer (read only: your key may not change layers)'),
          editor ? h('button', {type: 'button', class: 'secondary', onclick: () => edit(null)}, 'New layer') : null,
          h('div', {class: 'grid2'},
              h('div', {},
                  h('div', {class: 'row'}, namespace.dimensions.map((d) => field(d, selectorInputs[d]))),
                  field('Content (JSON; checked against the schema as you type)', content),
                  validation,
                  editor ? h('div', {class: 'row'}, field('Message', message), commit) : null,
                  out),
              h('div', {},
                  h('h3', {}, namespace.schema ? `Schema version ${namespace.schema.version}` : 'No schema registered'),
                  namespace.schema ? h('pre', {id: 'layer-schema'}, pretty(namespace.schema.schema)) : null))));
  dryRun();
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}
