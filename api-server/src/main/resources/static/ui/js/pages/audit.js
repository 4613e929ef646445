// #/namespaces/{ns}/audit: the audit trail newest first, filtered by actor, action and time, and
// a button that walks the hash chain (verifyAudit).

import {gql} from '../api.js';
import {h, replace, status, field, action, time, json} from '../dom.js';
import {subscribe} from '../ws.js';

const AUDIT = `query($ns: String!, $after: String, $actor: String, $action: String, $since: DateTime, $until: DateTime) {
  auditLog(namespace: $ns, first: 50, after: $after, actor: $actor, action: $action, since: $since, until: $until) {
    edges { node { sequence action actor at revision requestId target message hash } } pageInfo { hasNextPage endCursor } } }`;
const VERIFY = `query($ns: String!) { verifyAudit(namespace: $ns) { valid entries brokenAt reason headHash } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

export async function render(view, {params}) {
  const ns = params.ns;
  const actor = h('input', {id: 'audit-actor', name: 'actor', size: 16});
  const act = h('input', {id: 'audit-action', name: 'action', size: 16, placeholder: 'e.g. layer.put'});
  const since = h('input', {id: 'audit-since', name: 'since', type: 'datetime-local'});
  const until = h('input', {id: 'audit-until', name: 'until', type: 'datetime-local'});
  const verification = h('div', {id: 'audit-verification', 'aria-live': 'polite'});
  const table = h('div', {class: 'table-wrap'});
  const more = h('div', {});
  let rows = [];

  const iso = (input) => (input.value ? new Date(input.value).toISOString() : null);
  async function load(after) {
    const vars = {ns, after: after || null, actor: actor.value.trim() || null, action: act.value.trim() || null, since: iso(since), until: iso(until)};
    const {auditLog} = await gql(AUDIT, vars);
    rows = after ? rows.concat(auditLog.edges.map((e) => e.node)) : auditLog.edges.map((e) => e.node);
    replace(table, rows.length ? h('table', {id: 'audit'},
        h('thead', {}, h('tr', {}, ['#', 'When', 'Action', 'Actor', 'Revision', 'Target', 'Message', 'Hash'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rows.map((e) => h('tr', {'data-sequence': String(e.sequence)},
            h('td', {}, String(e.sequence)), h('td', {}, time(e.at)), h('td', {}, e.action), h('td', {}, e.actor),
            h('td', {}, e.revision === null ? '—' : String(e.revision)), h('td', {class: 'mono'}, json(e.target)),
            h('td', {}, e.message || ''), h('td', {class: 'mono', title: e.hash}, e.hash.slice(0, 12))))))
      : h('p', {class: 'muted'}, 'No entries match.'));
    replace(more, auditLog.pageInfo.hasNextPage ? action('Older entries', () => load(auditLog.pageInfo.endCursor), {class: 'secondary'}) : null);
  }

  const form = h('form', {class: 'row', id: 'audit-filters'},
      field('Actor', actor), field('Action', act), field('Since', since), field('Until', until),
      h('button', {type: 'submit'}, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load().catch((e) => replace(table, status('error', e.describe ? e.describe() : e.message)));
  });
  await load();
  replace(view, h('h1', {}, `${ns}: audit trail`),
      h('section', {class: 'card'}, h('h2', {}, 'Hash chain'),
          action('Verify audit chain', async () => {
            try {
              const {verifyAudit: v} = await gql(VERIFY, {ns});
              replace(verification, v.valid
                ? status('ok', `Chain valid: ${v.entries} entries verified; head hash ${v.headHash}.`)
                : status('error', `Chain broken at entry ${v.brokenAt}: ${v.reason} (${v.entries} entries checked).`));
            } catch (e) {
              replace(verification, status('error', e.describe()));
            }
          }, {id: 'verify-audit'}),
          verification),
      h('section', {class: 'card'}, form, table, more));
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}
