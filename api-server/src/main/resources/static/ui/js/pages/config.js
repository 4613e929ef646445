// #/namespaces/{ns}: the resolved config of a scope picked dimension by dimension, each leaf with
// the layer that set it (explain), and the schema. Live: configChanged for the scope re-reads it.

import {gql} from '../api.js';
import {h, replace, status, field, selectorText, pretty} from '../dom.js';
import {tree} from '../tree.js';
import {subscribe} from '../ws.js';

const NAMESPACE = `query($ns: String!) { namespace(name: $ns) { name dimensions revision
  schema { version revision schema } layers { selector } } }`;
const RESOLVE = `query($ns: String!, $scope: JSON!) { resolveConfig(namespace: $ns, scope: $scope, explain: true) {
  revision config sources { path selector } } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;
const CHANGED = `subscription($ns: String!, $scope: JSON!) { configChanged(namespace: $ns, scope: $scope) { revision } }`;

const scopes = new Map(); // namespace -> last scope picked in this tab

export async function render(view, {params}) {
  const ns = params.ns;
  const {namespace} = await gql(NAMESPACE, {ns});
  const dims = namespace.dimensions;
  const scope = {...(scopes.get(ns) || {})};
  const result = h('section', {class: 'card', id: 'resolved', 'aria-live': 'polite'});
  const liveNote = h('p', {class: 'muted', id: 'live-note'});
  let unsubscribe = null;
  let generation = 0;

  async function resolve() {
    const mine = ++generation;
    const chosen = Object.fromEntries(Object.entries(scope).filter(([, v]) => v));
    try {
      const {resolveConfig: resolved} = await gql(RESOLVE, {ns, scope: chosen});
      if (mine !== generation) return;
      const sources = new Map((resolved.sources || []).map((s) => [s.path, s.selector]));
      const empty = resolved.config === null || (typeof resolved.config === 'object' && Object.keys(resolved.config).length === 0);
      replace(result,
          h('h2', {}, `Config for ${selectorText(chosen, dims)} at revision `, h('span', {id: 'config-revision'}, String(resolved.revision))),
          empty ? h('p', {class: 'muted'}, 'No layer matches this scope: it has no config.')
                : tree(resolved.config, (path) => sources.has(path) ? `set by ${selectorText(sources.get(path), dims)}` : null));
    } catch (e) {
      if (mine === generation) replace(result, status('error', e.describe ? e.describe() : e.message));
    }
  }

  function watch() {
    if (unsubscribe) unsubscribe();
    const chosen = Object.fromEntries(Object.entries(scope).filter(([, v]) => v));
    let first = true;
    unsubscribe = subscribe(CHANGED, {ns, scope: chosen}, {
      next(data) {
        const revision = data.configChanged.revision;
        if (!first) liveNote.textContent = `Updated live to revision ${revision} at ${new Date().toLocaleTimeString()}.`;
        first = false;
        resolve();
      },
      error(errors) {
        liveNote.textContent = `Live updates refused: ${errors.map((e) => e.message).join('; ')}`;
      },
    });
  }

  const selects = Object.fromEntries(dims.map((d) => {
    const select = h('select', {name: d, id: `scope-${d}`});
    select.addEventListener('change', () => {
      scope[d] = select.value;
      scopes.set(ns, {...scope});
      watch();
    });
    return [d, select];
  }));
  const pickers = dims.map((d) => field(d, selects[d]));

  /** Each picker offers the values the layers name for its dimension, and "any other value". */
  function offer(layers) {
    for (const d of dims) {
      const named = new Set(layers.map((layer) => layer.selector[d]).filter((v) => v !== undefined && v !== '*'));
      if (scope[d]) named.add(scope[d]);
      replace(selects[d], h('option', {value: ''}, '(any other value)'),
          [...named].sort().map((v) => h('option', {value: v, selected: scope[d] === v}, v)));
    }
  }
  offer(namespace.layers);

  replace(view,
      h('h1', {}, `${ns}: config`),
      h('section', {class: 'card'},
          h('h2', {}, 'Scope'),
          h('p', {class: 'muted'}, 'Pick a value for each dimension, least specific first; "(any other value)" stands for a value no layer names.'),
          h('div', {class: 'row', id: 'scope'}, pickers)),
      liveNote,
      result,
      h('section', {class: 'card'},
          h('h2', {}, 'Schema'),
          namespace.schema
            ? h('details', {id: 'schema'},
                h('summary', {}, `Schema version ${namespace.schema.version} (revision ${namespace.schema.revision})`),
                h('pre', {}, pretty(namespace.schema.schema)))
            : h('p', {class: 'muted'}, 'No schema registered: any config is accepted.')));
  watch();
  // A new layer may name a new value: offer it.
  const unwatchLayers = subscribe(EVENTS, {ns}, {
    next: () => gql(NAMESPACE, {ns}).then((data) => offer(data.namespace.layers)).catch(() => {}),
  });
  return () => {
    unwatchLayers();
    if (unsubscribe) unsubscribe();
  };
}
