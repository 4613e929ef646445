// #/namespaces/{ns}/rollouts/{id}: one rollout's stages (targeted / applied / healthy hosts), the
// current cohort's health over time as a chart, and pause / resume / advance / abort.
//
// The page re-reads the rollout on every namespaceEvents message (start, flag-ramp stages, abort)
// and, while the rollout runs, every second: acknowledgements and stage moves that commit no
// revision have no subscription of their own yet.

import {gql} from '../api.js';
import {h, replace, status, field, action, time, pretty} from '../dom.js';
import {lineChart} from '../chart.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const ROLLOUT = `query($ns: String!, $id: ID!) { rollout(namespace: $ns, id: $id) { id kind state baseRevision
  candidateRevision currentStage abortReason rollbackRevision plan author message createdAt stageStartedAt
  bakedSeconds finishedAt stages { name targeted applied healthy bakeSeconds } } }`;
const MOVE = (name, extra = '') => `mutation($ns: String!, $id: ID!${extra ? ', $reason: String!' : ''}) {
  ${name}(namespace: $ns, id: $id${extra}) { id state } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

const samples = new Map(); // rollout id -> [{t, stage, targeted, applied, healthy}], for this tab

export async function render(view, {params, me}) {
  const {ns, id} = params;
  const editor = can(me, ns, 'EDITOR');
  const out = h('div', {'aria-live': 'polite', id: 'rollout-result'});
  const body = h('div', {});
  const reason = h('input', {id: 'abort-reason', size: 40, placeholder: 'why (recorded in the audit trail)'});
  let timer = null;
  let stopped = false;

  async function load() {
    const {rollout: r} = await gql(ROLLOUT, {ns, id});
    if (stopped) return;
    const history = samples.get(id) || [];
    const stage = r.stages[r.currentStage];
    if (stage) history.push({t: Date.now(), stage: r.currentStage, targeted: stage.targeted, applied: stage.applied, healthy: stage.healthy});
    samples.set(id, history.slice(-600));
    const active = r.state === 'RUNNING' || r.state === 'PAUSED';
    const move = (mutation, label, vars = {}) => action(label, async () => {
      try {
        await gql(mutation, {ns, id, ...vars()});
        replace(out, status('ok', `${label}: done.`));
        await load();
      } catch (e) {
        replace(out, status('error', e.describe()));
      }
    }, {id: `rollout-${label.toLowerCase()}`, class: label === 'Abort' ? 'danger' : null});
    const vars = () => ({});
    replace(body,
        h('p', {}, h('span', {class: `badge ${r.state}`, id: 'rollout-state'}, r.state), ` ${r.kind} rollout`,
            r.author ? ` by ${r.author}` : '', ' started ', time(r.createdAt), r.finishedAt ? h('span', {}, ', finished ', time(r.finishedAt)) : ''),
        r.message ? h('p', {}, r.message) : null,
        h('p', {id: 'rollout-revisions'}, `Base revision ${r.baseRevision ?? '—'}, candidate revision ${r.candidateRevision ?? '—'}`
            + (r.rollbackRevision ? `, rolled back by revision ${r.rollbackRevision}` : '')),
        r.abortReason ? status('error', `Aborted: ${r.abortReason}`) : null,
        h('section', {class: 'card'}, h('h2', {}, 'Stages'),
            h('p', {id: 'current-stage'}, active
              ? `Current stage: ${stage ? stage.name : '—'} (${r.currentStage + 1} of ${r.stages.length}), baked ${r.bakedSeconds} s`
              : `Stage reached: ${stage ? stage.name : '—'} (${r.currentStage + 1} of ${r.stages.length})`),
            h('div', {class: 'table-wrap'}, h('table', {id: 'stages'},
                h('thead', {}, h('tr', {}, ['Stage', 'Targeted', 'Applied', 'Healthy', 'Progress', 'Bake'].map((t) => h('th', {}, t)))),
                h('tbody', {}, r.stages.map((s, i) => h('tr', {id: `stage-${i}`, class: i === r.currentStage ? 'stage-current' : null},
                    h('td', {}, i === r.currentStage ? `${s.name} (current)` : i < r.currentStage ? `${s.name} (done)` : s.name),
                    h('td', {class: 'targeted'}, String(s.targeted)), h('td', {class: 'applied'}, String(s.applied)),
                    h('td', {class: 'healthy'}, String(s.healthy)),
                    h('td', {}, h('div', {class: 'bar', role: 'progressbar', 'aria-label': `${s.name}: applied`,
                      'aria-valuemin': '0', 'aria-valuemax': String(s.targeted), 'aria-valuenow': String(s.applied)},
                    h('span', {style: `width:${s.targeted ? Math.round((100 * s.applied) / s.targeted) : 0}%`}))),
                    h('td', {}, `${s.bakeSeconds} s`))))))),
        h('section', {class: 'card chart', id: 'health-chart'}, h('h2', {}, 'Current cohort over time'),
            h('div', {class: 'legend'}, h('span', {style: 'color:#8c959f'}, 'targeted'), h('span', {style: 'color:#1f6feb'}, 'applied'),
                h('span', {style: 'color:#2da44e'}, 'healthy')),
            lineChart(`Hosts of rollout ${id}'s current stage`, [
              {name: 'targeted', color: '#8c959f', points: history.map((p) => ({t: p.t, v: p.targeted}))},
              {name: 'applied', color: '#1f6feb', points: history.map((p) => ({t: p.t, v: p.applied}))},
              {name: 'healthy', color: '#2da44e', points: history.map((p) => ({t: p.t, v: p.healthy}))},
            ]),
            h('p', {class: 'muted'}, 'Sampled while this page is open.')),
        editor && active ? h('section', {class: 'card', id: 'rollout-actions'}, h('h2', {}, 'Actions'),
            h('div', {class: 'toolbar'},
                r.state === 'RUNNING' ? move(MOVE('pauseRollout'), 'Pause', vars) : move(MOVE('resumeRollout'), 'Resume', vars),
                move(MOVE('advanceRollout'), 'Advance', vars)),
            h('div', {class: 'row'}, field('Abort reason', reason),
                move(MOVE('abortRollout', ', reason: $reason'), 'Abort', () => ({reason: reason.value || 'aborted from the dashboard'})))) : null,
        out,
        h('details', {class: 'card'}, h('summary', {}, 'Plan (JSON)'), h('pre', {}, pretty(r.plan))));
    clearTimeout(timer);
    if (active) timer = setTimeout(() => load().catch(() => {}), 1000);
  }

  replace(view, h('h1', {}, `${ns}: rollout ${id}`), body);
  await load();
  const unsubscribe = subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
