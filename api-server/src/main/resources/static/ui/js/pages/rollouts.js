// #/namespaces/{ns}/rollouts: the rollouts, newest first, and (for an EDITOR) a form to start one.

import {gql} from '../api.js';
import {h, replace, status, field, action, time, pretty} from '../dom.js';
import {link, navigate} from '../router.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const LIST = `query($ns: String!) { rollouts(namespace: $ns, first: 100) { edges { node {
  id kind state currentStage stages { name } author message createdAt } } } }`;
const START = `mutation($ns: String!, $p: JSON!, $c: JSON, $cr: ID, $m: String) {
  startRollout(namespace: $ns, plan: $p, changes: $c, changeRequestId: $cr, message: $m) { id } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

const PLAN = {stages: [
  {name: 'canary', hosts: {sites: ['us-east-1']}, bakeSeconds: 60},
  {name: 'half', hosts: {percent: 50}, bakeSeconds: 60},
  {name: 'all', hosts: {all: true}}],
gates: [{metric: 'errorRate', max: 0.05, minRequests: 20}]};

export async function render(view, {params, me}) {
  const ns = params.ns;
  const list = h('section', {class: 'card'});
  let generation = 0; // loads may finish out of order: the latest shows
  async function load() {
    const mine = ++generation;
    const rollouts = (await gql(LIST, {ns})).rollouts.edges.map((e) => e.node);
    if (mine !== generation) return;
    replace(list, h('h2', {}, 'Rollouts'), rollouts.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'rollouts'},
        h('thead', {}, h('tr', {}, ['Rollout', 'Kind', 'State', 'Stage', 'Started by', 'Started'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rollouts.map((r) => h('tr', {'data-id': r.id},
            h('td', {}, h('a', {href: link(ns, 'rollouts', r.id)}, r.message ? `${r.id}: ${r.message}` : r.id)),
            h('td', {}, r.kind), h('td', {}, h('span', {class: `badge ${r.state}`}, r.state)),
            h('td', {}, `${r.currentStage + 1} of ${r.stages.length}${r.stages[r.currentStage] ? ` (${r.stages[r.currentStage].name})` : ''}`),
            h('td', {}, r.author || '—'), h('td', {}, time(r.createdAt)))))))
      : h('p', {class: 'muted'}, 'No rollouts yet.'));
  }
  await load();
  replace(view, h('h1', {}, `${ns}: rollouts`), list, can(me, ns, 'EDITOR') ? startForm(ns) : null);
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}

function startForm(ns) {
  const plan = h('textarea', {class: 'code', id: 'rollout-plan', spellcheck: 'false'});
  plan.value = pretty(PLAN);
  const changes = h('textarea', {class: 'code', id: 'rollout-changes', spellcheck: 'false'});
  changes.value = pretty([{op: 'putLayer', selector: {environment: 'prod'}, content: {}}]);
  const changeRequest = h('input', {id: 'rollout-change-request', size: 30});
  const message = h('input', {id: 'rollout-message', size: 40});
  const out = h('div', {'aria-live': 'polite', id: 'rollout-start-result'});
  return h('section', {class: 'card', id: 'start-rollout'}, h('h2', {}, 'Start a rollout'),
      h('div', {class: 'grid2'},
          field('Plan (JSON): stages with their hosts and bake time, gates; or a flag ramp', plan),
          field('Changes (JSON list of operations; leave empty to roll out a change request or ramp a flag)', changes)),
      h('div', {class: 'row'}, field('Or an approved change request id', changeRequest), field('Message', message)),
      action('Start rollout', async () => {
        try {
          const text = changes.value.trim();
          const {startRollout} = await gql(START, {ns, p: JSON.parse(plan.value),
            c: text && !changeRequest.value.trim() ? JSON.parse(text) : null,
            cr: changeRequest.value.trim() || null, m: message.value || null});
          navigate(link(ns, 'rollouts', startRollout.id));
        } catch (e) {
          replace(out, status('error', e.describe ? e.describe() : `Not valid JSON: ${e.message}`));
        }
      }, {id: 'start-rollout-button'}),
      out);
}
