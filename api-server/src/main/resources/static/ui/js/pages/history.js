// #/namespaces/{ns}/history: revisions newest first, each with its diff and (for an EDITOR) restore.

import {gql} from '../api.js';
import {h, replace, status, action, time, selectorText} from '../dom.js';
import {DIFF_FIELDS, renderDiff} from '../diff.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const HISTORY = `query($ns: String!) { namespace(name: $ns) { dimensions revision }
  history(namespace: $ns, first: 50) { edges { node { revision author message committedAt
    changes { kind action target } } } pageInfo { hasNextPage } } }`;
const DIFF = `query($ns: String!, $from: Int!, $to: Int) { diff(namespace: $ns, fromRevision: $from, toRevision: $to) { ${DIFF_FIELDS} } }`;
const RESTORE = `mutation($ns: String!, $rev: Int!, $r: Int) {
  restoreRevision(namespace: $ns, revision: $rev, expectedRevision: $r, message: "restored from the dashboard") { revision } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

export async function render(view, {params, me}) {
  const ns = params.ns;
  const editor = can(me, ns, 'EDITOR');
  const out = h('div', {'aria-live': 'polite', id: 'history-result'});
  const list = h('div', {id: 'history'});

  let generation = 0; // a live reload and an action's own may finish out of order: the latest shows
  async function load() {
    const mine = ++generation;
    const data = await gql(HISTORY, {ns});
    if (mine !== generation) return;
    const dims = data.namespace.dimensions;
    const head = data.namespace.revision;
    replace(list, data.history.edges.map(({node: rev}) => {
      const diffBox = h('div', {class: 'diff-box'});
      const summary = rev.changes.map((c) => `${c.kind} ${c.action}`
          + (c.target === null || c.target === undefined ? '' : ` ${typeof c.target === 'object' ? selectorText(c.target, dims) : c.target}`));
      return h('article', {class: 'card', 'data-revision': String(rev.revision)},
          h('h2', {}, `Revision ${rev.revision}`),
          h('p', {}, `${rev.author} · `, time(rev.committedAt), rev.message ? ` · ${rev.message}` : ''),
          h('ul', {}, summary.map((line) => h('li', {}, line))),
          h('div', {class: 'toolbar'},
              rev.revision > 1 ? action(`Diff ${rev.revision - 1} → ${rev.revision}`, async () => {
                try {
                  const {diff} = await gql(DIFF, {ns, from: rev.revision - 1, to: rev.revision});
                  replace(diffBox, renderDiff(diff, dims));
                } catch (e) {
                  replace(diffBox, status('error', e.describe()));
                }
              }, {class: 'secondary'}) : null,
              editor && rev.revision < head ? restoreButton(rev.revision, head) : null),
          diffBox);
    }));
  }

  function restoreButton(revision, head) {
    const wrap = h('span', {class: 'toolbar'});
    const ask = h('button', {type: 'button', class: 'secondary'}, `Restore revision ${revision}`);
    ask.addEventListener('click', () => replace(wrap,
        h('span', {}, `Commit revision ${head + 1} with the content of revision ${revision}?`),
        action(`Confirm restore of ${revision}`, async () => {
          try {
            const {restoreRevision} = await gql(RESTORE, {ns, rev: revision, r: head});
            replace(out, status('ok', `Restored revision ${revision} as revision ${restoreRevision.revision}.`));
            await load();
          } catch (e) {
            replace(out, status('error', e.describe()));
          }
        }, {class: 'danger'}),
        h('button', {type: 'button', class: 'ghost', onclick: () => replace(wrap, ask)}, 'Cancel')));
    return replace(wrap, ask);
  }

  await load();
  replace(view, h('h1', {}, `${ns}: history`), out, list);
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}
