// #/namespaces/{ns}/changes[/{id}]: change requests (the caller's inbox, then all), one request's
// diff, approvals and review steps; approve or reject with a comment, apply; propose a new one.

import {gql} from '../api.js';
import {h, replace, status, field, action, time, pretty, debounce} from '../dom.js';
import {DIFF_FIELDS, renderDiff} from '../diff.js';
import {link, navigate} from '../router.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const SUMMARY = 'id title state author baseRevision requiredApprovals environments createdAt';
const LIST = `query($ns: String!, $state: ChangeState) { namespace(name: $ns) { dimensions revision }
  changeRequests(namespace: $ns, state: $state, first: 100) { edges { node { ${SUMMARY} } } }
  changeRequestInbox(namespace: $ns, first: 100) { edges { node { id } } } }`;
const ONE = `query($ns: String!, $id: ID!) { namespace(name: $ns) { dimensions revision }
  changeRequest(namespace: $ns, id: $id) { ${SUMMARY} description changes appliedRevision missingApprovals
    approvals { actor at comment role } comments { actor kind at text } diff { ${DIFF_FIELDS} } } }`;
const APPROVE = `mutation($ns: String!, $id: ID!, $c: String) { approveChange(namespace: $ns, id: $id, comment: $c) { id state } }`;
const REJECT = `mutation($ns: String!, $id: ID!, $c: String) { rejectChange(namespace: $ns, id: $id, comment: $c) { id state } }`;
const APPLY = `mutation($ns: String!, $id: ID!, $r: Int) { applyChange(namespace: $ns, id: $id, expectedRevision: $r) { revision } }`;
const PROPOSE = `mutation($ns: String!, $t: String!, $c: JSON!, $d: String) {
  proposeChange(namespace: $ns, title: $t, changes: $c, description: $d) { id } }`;
const VALIDATE = `query($ns: String!, $c: JSON!) { validateChanges(namespace: $ns, changes: $c) { valid violations { path message } } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

export async function render(view, {params, me}) {
  const ns = params.ns;
  const root = h('div', {});
  replace(view, root);
  // Made once, so that a live reload keeps what the user is typing.
  const form = can(me, ns, 'EDITOR') ? proposeForm(ns) : null;
  const comment = h('textarea', {id: 'cr-comment', rows: 2, style: 'width:100%'});
  const out = h('div', {'aria-live': 'polite', id: 'cr-result'});
  // Loads may finish out of order (a live reload and an action's own): only the latest one shows.
  let generation = 0;
  async function load() {
    const mine = ++generation;
    const next = h('div', {});
    if (params.id) {
      await one(next, ns, params.id, me, {comment, out, reload: load});
    } else {
      await list(next, ns, me, form);
    }
    if (mine === generation) replace(root, [...next.childNodes]);
  }
  await load();
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}

async function list(root, ns, me, form) {
  const data = await gql(LIST, {ns, state: null});
  const inbox = new Set(data.changeRequestInbox.edges.map((e) => e.node.id));
  const requests = data.changeRequests.edges.map((e) => e.node);
  const row = (cr) => h('tr', {'data-id': cr.id},
      h('td', {}, h('a', {href: link(ns, 'changes', cr.id)}, cr.title)),
      h('td', {}, h('span', {class: `badge ${cr.state}`}, cr.state)),
      h('td', {}, cr.author), h('td', {}, cr.environments.join(', ') || '—'),
      h('td', {}, time(cr.createdAt)));
  const table = (rows, id) => h('div', {class: 'table-wrap'}, h('table', {id},
      h('thead', {}, h('tr', {}, ['Title', 'State', 'Author', 'Protected environments', 'Proposed'].map((t) => h('th', {}, t)))),
      h('tbody', {}, rows.map(row))));
  const waiting = requests.filter((cr) => inbox.has(cr.id));
  replace(root,
      h('h1', {}, `${ns}: change requests`),
      h('section', {class: 'card'}, h('h2', {}, 'Waiting for your approval'),
          waiting.length ? table(waiting, 'inbox') : h('p', {class: 'muted', id: 'inbox'}, 'Nothing waits for you.')),
      h('section', {class: 'card'}, h('h2', {}, 'All change requests'),
          requests.length ? table(requests, 'change-requests') : h('p', {class: 'muted'}, 'No change requests yet.')),
      form);
}

function proposeForm(ns) {
  const title = h('input', {id: 'cr-title', name: 'title', size: 40});
  const description = h('input', {id: 'cr-description', name: 'description', size: 40});
  const changes = h('textarea', {class: 'code', id: 'cr-changes', spellcheck: 'false'});
  changes.value = pretty([{op: 'putLayer', selector: {environment: 'prod'}, content: {}}]);
  const check = h('div', {'aria-live': 'polite', id: 'cr-check'});
  const out = h('div', {'aria-live': 'polite', id: 'cr-result'});
  const dryRun = debounce(async () => {
    let parsed;
    try {
      parsed = JSON.parse(changes.value);
    } catch (e) {
      replace(check, status('error', `Not valid JSON: ${e.message}`));
      return;
    }
    try {
      const {validateChanges: report} = await gql(VALIDATE, {ns, c: parsed});
      replace(check, report.valid ? status('ok', 'Valid.') : h('ul', {class: 'violations'},
          report.violations.map((v) => h('li', {}, h('span', {class: 'path'}, v.path || '/'), `: ${v.message}`))));
    } catch (e) {
      replace(check, status('error', e.describe()));
    }
  }, 400);
  changes.addEventListener('input', dryRun);
  return h('section', {class: 'card', id: 'propose'}, h('h2', {}, 'Propose a change'),
      h('div', {class: 'row'}, field('Title', title), field('Description', description)),
      field('Changes (a JSON list of operations: putLayer, deleteLayer, putFlag, putSegment, …)', changes),
      check,
      action('Propose change', async () => {
        try {
          const {proposeChange} = await gql(PROPOSE, {ns, t: title.value, c: JSON.parse(changes.value), d: description.value || null});
          navigate(link(ns, 'changes', proposeChange.id));
        } catch (e) {
          replace(out, status('error', e.describe ? e.describe() : e.message));
        }
      }, {id: 'propose-change'}),
      out);
}

async function one(root, ns, id, me, {comment, out, reload}) {
  const {namespace, changeRequest: cr} = await gql(ONE, {ns, id});
  const run = (mutation, label) => action(label, async () => {
    try {
      const data = await gql(mutation, {ns, id, c: comment.value || null, r: namespace.revision});
      replace(out, status('ok', data.applyChange ? `Applied as revision ${data.applyChange.revision}.` : `${label}: done.`));
      comment.value = '';
      await reload();
    } catch (e) {
      replace(out, status('error', e.describe()));
    }
  }, {id: `cr-${label.toLowerCase()}`, class: label === 'Reject' ? 'danger' : null});
  const open = cr.state === 'OPEN';
  const approver = can(me, ns, 'APPROVER');
  const editor = can(me, ns, 'EDITOR');
  replace(root,
      h('p', {}, h('a', {href: link(ns, 'changes')}, '← All change requests')),
      h('h1', {}, cr.title),
      h('p', {}, h('span', {class: `badge ${cr.state}`, id: 'cr-state'}, cr.state),
          ` proposed by ${cr.author} on `, time(cr.createdAt), ` against revision ${cr.baseRevision}`,
          cr.appliedRevision ? `; applied as revision ${cr.appliedRevision}` : ''),
      cr.description ? h('p', {}, cr.description) : null,
      h('section', {class: 'card'}, h('h2', {}, 'Approvals'),
          h('p', {}, cr.environments.length
            ? `Protected environments touched: ${cr.environments.join(', ')}; ${cr.requiredApprovals} approval(s) needed.`
            : 'It touches no protected environment.'),
          cr.approvals.length ? h('ul', {id: 'approvals'}, cr.approvals.map((a) => h('li', {},
              `Approved by ${a.actor} (${a.role}) on `, time(a.at), a.comment ? `: ${a.comment}` : ''))) : h('p', {class: 'muted'}, 'No approvals yet.'),
          cr.missingApprovals.length && open ? h('ul', {id: 'missing'}, cr.missingApprovals.map((m) => h('li', {}, m))) : null),
      open && (approver || editor) ? h('section', {class: 'card', id: 'review'}, h('h2', {}, 'Review'),
          field('Comment', comment),
          h('div', {class: 'toolbar'},
              approver && cr.author !== me.description && cr.author !== me.keyId ? run(APPROVE, 'Approve') : null,
              approver || cr.author === me.description || cr.author === me.keyId ? run(REJECT, 'Reject') : null,
              editor ? run(APPLY, 'Apply') : null),
          out) : out,
      h('section', {class: 'card'}, h('h2', {}, open ? 'What applying it would change now' : 'Diff against the latest revision'),
          renderDiff(cr.diff, namespace.dimensions)),
      h('section', {class: 'card'}, h('h2', {}, 'Review steps'),
          cr.comments.length ? h('ol', {id: 'comments'}, cr.comments.map((c) => h('li', {},
              `${c.kind} by ${c.actor} on `, time(c.at), c.text ? `: ${c.text}` : ''))) : h('p', {class: 'muted'}, 'None yet.')),
      h('details', {class: 'card'}, h('summary', {}, 'The changes as proposed (JSON)'), h('pre', {}, pretty(cr.changes))));
}
