// #/namespaces/{ns}/rollouts/{id}: one rollout's stages (targeted / applied / healthy hosts), the
// health its cohorts reported over time as a chart, and pause / resume / advance / abort.
// Live through the rolloutChanged subscription: a message whenever the state, the stage or a
// stage's host counts change (hosts acknowledging the candidate move them).

import {gql} from '../api.js';
import {h, replace, status, field, action, time, pretty} from '../dom.js';
import {lineChart} from '../chart.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const FIELDS = `id kind state baseRevision candidateRevision currentStage abortReason rollbackRevision plan author
  message createdAt stageStartedAt bakedSeconds finishedAt stages { name targeted applied healthy bakeSeconds }
  health(bucketSeconds: 5) { at cohort hosts requests errors errorRate latencyP99Ms }`;
const ROLLOUT = `query($ns: String!, $id: ID!) { rollout(namespace: $ns, id: $id) { ${FIELDS} } }`;
const CHANGED = `subscription($ns: String!, $id: ID!) { rolloutChanged(namespace: $ns, id: $id) { ${FIELDS} } }`;
const MOVE = (name, extra = '') => `mutation($ns: String!, $id: ID!${extra ? ', $reason: String!' : ''}) {
  ${name}(namespace: $ns, id: $id${extra}) { id state } }`;

export async function render(view, {params, me}) {
  const {ns, id} = params;
  const editor = can(me, ns, 'EDITOR');
  const out = h('div', {'aria-live': 'polite', id: 'rollout-result'});
  const body = h('div', {});
  const reason = h('input', {id: 'abort-reason', size: 40, placeholder: 'why (recorded in the audit trail)'});
  let stopped = false;

  function draw(r) {
    if (stopped) return;
    const stage = r.stages[r.currentStage];
    const active = r.state === 'RUNNING' || r.state === 'PAUSED';
    const move = (mutation, label, vars = () => ({})) => action(label, async () => {
      try {
        await gql(mutation, {ns, id, ...vars()});
        replace(out, status('ok', `${label}: done.`));
        draw((await gql(ROLLOUT, {ns, id})).rollout);
      } catch (e) {
        replace(out, status('error', e.describe()));
      }
    }, {id: `rollout-${label.toLowerCase()}`, class: label === 'Abort' ? 'danger' : null});
    const rate = (cohort) => r.health.filter((p) => p.cohort === cohort && p.errorRate !== null)
        .map((p) => ({t: Date.parse(p.at), v: 100 * p.errorRate}));
    const candidate = rate('CANDIDATE');
    const base = rate('BASE');
    const top = Math.max(1, ...candidate.map((p) => p.v), ...base.map((p) => p.v));
    const reports = r.health.reduce((n, p) => n + p.requests, 0);
    const typing = document.activeElement === reason;
    replace(body,
        h('p', {}, h('span', {class: `badge ${r.state}`, id: 'rollout-state'}, r.state), ` ${r.kind} rollout`,
            r.author ? ` by ${r.author}` : '', ' started ', time(r.createdAt), r.finishedAt ? h('span', {}, ', finished ', time(r.finishedAt)) : ''),
        r.message ? h('p', {}, r.message) : null,
        h('p', {id: 'rollout-revisions'}, `Base revision ${r.baseRevision ?? '—'}, candidate revision ${r.candidateRevision ?? '—'}`
            + (r.rollbackRevision ? `, rolled back by revision ${r.rollbackRevision}` : '')),
        r.abortReason ? status('error', `Aborted: ${r.abortReason}`) : null,
        h('section', {class: 'card'}, h('h2', {}, 'Stages'),
            h('p', {id: 'current-stage'}, active
              ? `Current stage: ${stage ? stage.name : '—'} (${r.currentStage + 1} of ${r.stages.length})${r.state === 'PAUSED' ? ', paused' : ''}`
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
        h('section', {class: 'card chart', id: 'health-chart'}, h('h2', {}, 'Cohort health over time'),
            h('div', {class: 'legend'}, h('span', {style: 'color:#d1242f'}, 'candidate error rate (%)'),
                h('span', {style: 'color:#8c959f'}, 'base error rate (%)')),
            lineChart(`Error rate of rollout ${id}'s cohorts`, [
              {name: 'candidate', color: '#d1242f', points: candidate},
              {name: 'base', color: '#8c959f', points: base},
            ], {max: top}),
            h('p', {class: 'muted', id: 'health-summary'}, reports
              ? `${reports} requests reported in ${r.health.length} window(s) of 5 s or more.`
              : 'No host has reported health since the rollout started.')),
        editor && active ? h('section', {class: 'card', id: 'rollout-actions'}, h('h2', {}, 'Actions'),
            h('div', {class: 'toolbar'},
                r.state === 'RUNNING' ? move(MOVE('pauseRollout'), 'Pause') : move(MOVE('resumeRollout'), 'Resume'),
                move(MOVE('advanceRollout'), 'Advance')),
            h('div', {class: 'row'}, field('Abort reason', reason),
                move(MOVE('abortRollout', ', reason: $reason'), 'Abort', () => ({reason: reason.value || 'aborted from the dashboard'})))) : null,
        out,
        h('details', {class: 'card'}, h('summary', {}, 'Plan (JSON)'), h('pre', {}, pretty(r.plan))));
    if (typing && reason.isConnected) reason.focus(); // a live redraw must not take the field from under the user
  }

  replace(view, h('h1', {}, `${ns}: rollout ${id}`), body);
  draw((await gql(ROLLOUT, {ns, id})).rollout);
  const unsubscribe = subscribe(CHANGED, {ns, id}, {
    next: (data) => draw(data.rolloutChanged),
    error: (errors) => replace(out, status('error', `Live updates refused: ${errors.map((e) => e.message).join('; ')}`)),
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
