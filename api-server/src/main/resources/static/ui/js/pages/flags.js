// #/namespaces/{ns}/flags: flags and segments; a flag's document with a targeting editor whose
// rules are checked as you type (checkRule: diagnostics inline, a caret under the column); an
// evaluation playground (context in; value, variation and reason out).

import {gql} from '../api.js';
import {h, replace, append, status, field, action, debounce, pretty, json} from '../dom.js';
import {can} from '../roles.js';
import {subscribe} from '../ws.js';

const LOAD = `query($ns: String!) { namespace(name: $ns) { revision attributes }
  flags(namespace: $ns, includeArchived: true) { key type archived revision document }
  segments(namespace: $ns) { key revision document } }`;
const CHECK = `query($ns: String!, $src: String!) { checkRule(namespace: $ns, source: $src) {
  valid diagnostics { code line column message rendered } } }`;
const PUT_FLAG = `mutation($ns: String!, $f: JSON!, $r: Int) { putFlag(namespace: $ns, flag: $f, expectedRevision: $r, message: "from the dashboard") { revision } }`;
const PUT_SEGMENT = `mutation($ns: String!, $s: JSON!, $r: Int) { putSegment(namespace: $ns, segment: $s, expectedRevision: $r, message: "from the dashboard") { revision } }`;
const EVALUATE = `query($ns: String!, $env: String!, $key: String!, $ctx: JSON!) {
  evaluateFlag(namespace: $ns, environment: $env, key: $key, context: $ctx) { key value variation reason ruleId errorCode message } }`;
const EVALUATE_ALL = `query($ns: String!, $env: String!, $ctx: JSON!) {
  evaluateFlags(namespace: $ns, environment: $env, context: $ctx) { key value variation reason ruleId errorCode message } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

const NEW_FLAG = {key: 'new-flag', type: 'boolean', variations: {on: true, off: false},
  environments: {prod: {enabled: true, offVariation: 'off', rules: [], fallthrough: {serve: 'off'}}}};

/** The source line of a diagnostic with a caret under its column. */
export function caret(source, diagnostic) {
  const line = source.split('\n')[diagnostic.line - 1] || '';
  return `${line}\n${' '.repeat(Math.max(0, diagnostic.column - 1))}^`;
}

export async function render(view, {params, me}) {
  const ns = params.ns;
  const editor = can(me, ns, 'EDITOR');
  let data;
  const lists = h('div', {class: 'grid2', id: 'flag-lists'});
  const detail = h('section', {class: 'card', id: 'flag-editor'});
  const playground = h('section', {class: 'card', id: 'playground'});

  let generation = 0; // a live reload and an action's own may finish out of order: the latest shows
  async function load() {
    const mine = ++generation;
    const next = await gql(LOAD, {ns});
    if (mine !== generation) return;
    data = next;
    replace(lists,
        h('section', {class: 'card'}, h('h2', {}, 'Flags'),
            data.flags.length ? h('ul', {id: 'flags'}, data.flags.map((f) => h('li', {},
                h('button', {type: 'button', class: 'ghost', onclick: () => openFlag(f.document)}, f.key),
                ` ${f.type} · revision ${f.revision}`, f.archived ? ' · archived' : ''))) : h('p', {class: 'muted'}, 'No flags yet.'),
            editor ? h('button', {type: 'button', class: 'secondary', id: 'new-flag', onclick: () => openFlag(NEW_FLAG)}, 'New flag') : null),
        h('section', {class: 'card'}, h('h2', {}, 'Segments'),
            data.segments.length ? h('ul', {id: 'segments'}, data.segments.map((s) => h('li', {},
                h('button', {type: 'button', class: 'ghost', onclick: () => openSegment(s.document)}, s.key),
                ` revision ${s.revision}`))) : h('p', {class: 'muted'}, 'No segments yet.'),
            editor ? h('button', {type: 'button', class: 'secondary', onclick: () => openSegment({key: 'new-segment', included: [], excluded: []})}, 'New segment') : null));
  }

  /**
   * A rule condition as you type it: checkRule after each pause, every diagnostic with its line,
   * column, and the source line with a caret under the column. onChange(value) keeps the document
   * in step. An optional condition (a segment's) may be left empty.
   */
  function conditionField(label, id, diagnosticsId, value, onChange, optional = false) {
    const when = h('textarea', {class: 'code rule-when', id, rows: 2, spellcheck: 'false', readonly: !editor,
      'aria-describedby': diagnosticsId});
    when.value = value || '';
    when.style.minHeight = '3rem';
    const diagnostics = h('div', {id: diagnosticsId, class: 'diagnostics', 'aria-live': 'polite'});
    let generation = 0;
    const check = debounce(async () => {
      const mine = ++generation;
      const source = when.value;
      if (!source.trim()) {
        replace(diagnostics, optional ? h('p', {class: 'muted'}, 'No condition.') : status('error', 'A rule needs a condition.'));
        return;
      }
      try {
        const {checkRule} = await gql(CHECK, {ns, src: source});
        if (mine !== generation) return;
        replace(diagnostics, checkRule.valid ? status('ok', 'Rule compiles.') : checkRule.diagnostics.map((d) => h('div', {class: 'diagnostic'},
            h('p', {class: 'status error'}, `${d.line}:${d.column}: ${d.code}: ${d.message}`),
            h('pre', {class: 'caret', 'aria-label': `error at line ${d.line}, column ${d.column}`}, caret(source, d)))));
      } catch (e) {
        if (mine === generation) replace(diagnostics, status('error', e.describe()));
      }
    }, 250);
    when.addEventListener('input', () => {
      onChange(when.value);
      check();
    });
    check();
    return h('div', {class: 'rule'}, field(label, when), diagnostics);
  }

  function openFlag(document) {
    const doc = structuredClone(document);
    const text = h('textarea', {class: 'code', id: 'flag-document', spellcheck: 'false', readonly: !editor}, '');
    text.value = pretty(doc);
    const envs = Object.keys(doc.environments || {});
    const envSelect = h('select', {id: 'rule-environment'}, envs.map((e) => h('option', {value: e}, e)));
    const rules = h('div', {id: 'rules'});
    const out = h('div', {'aria-live': 'polite', id: 'flag-result'});

    function current() {
      try {
        return JSON.parse(text.value);
      } catch (e) {
        return null;
      }
    }

    function drawRules() {
      const parsed = current();
      const env = envSelect.value;
      if (!parsed) {
        replace(rules, status('error', 'The document is not valid JSON: fix it to edit its rules.'));
        return;
      }
      const block = parsed.environments && parsed.environments[env];
      const list = (block && block.rules) || [];
      replace(rules, list.map((rule, i) => ruleEditor(rule, i)),
          editor && block ? h('button', {type: 'button', class: 'secondary', id: 'add-rule', onclick: () => {
            const next = current();
            const target = next.environments[env];
            target.rules = target.rules || [];
            target.rules.push({id: `rule-${target.rules.length + 1}`, when: '', serve: Object.keys(next.variations || {})[0]});
            text.value = pretty(next);
            drawRules();
            rules.querySelector(`#rule-when-${target.rules.length - 1}`).focus();
          }}, 'Add rule') : null);
    }

    function ruleEditor(rule, i) {
      const serve = rule.serve !== undefined ? `serve ${rule.serve}` : `split ${json(rule.split)}`;
      return conditionField(`Rule ${rule.id || i + 1} (${serve}): when`, `rule-when-${i}`, `rule-diagnostics-${i}`, rule.when, (value) => {
        const parsed = current();
        if (parsed) {
          parsed.environments[envSelect.value].rules[i].when = value;
          text.value = pretty(parsed);
        }
      });
    }

    envSelect.addEventListener('change', drawRules);
    text.addEventListener('change', drawRules);
    replace(detail,
        h('h2', {}, `Flag ${doc.key}`),
        h('div', {class: 'grid2'},
            h('div', {},
                h('h3', {}, 'Targeting'),
                envs.length ? field('Environment', envSelect) : h('p', {class: 'muted'}, 'No environment blocks yet: add one in the document.'),
                rules),
            h('div', {},
                field('Flag document (JSON)', text),
                editor ? action('Save flag', async () => {
                  const parsed = current();
                  if (!parsed) {
                    replace(out, status('error', 'The document is not valid JSON.'));
                    return;
                  }
                  try {
                    const {putFlag} = await gql(PUT_FLAG, {ns, f: parsed, r: data.namespace.revision});
                    replace(out, status('ok', `Saved flag ${parsed.key}: revision ${putFlag.revision}.`));
                    await load();
                  } catch (e) {
                    replace(out, status('error', e.describe()), e.violations.length ? h('ul', {class: 'violations'},
                        e.violations.map((v) => h('li', {}, h('span', {class: 'path'}, v.path || '/'), `: ${v.message}`))) : null);
                  }
                }, {id: 'save-flag'}) : null,
                out)));
    drawRules();
    drawPlayground(doc.key, envs);
  }

  function openSegment(document) {
    const text = h('textarea', {class: 'code', id: 'segment-document', spellcheck: 'false', readonly: !editor});
    text.value = pretty(document);
    const out = h('div', {'aria-live': 'polite'});
    const condition = conditionField('Condition (when): a key neither included nor excluded is in the segment when it holds', 'segment-when',
        'segment-diagnostics', document.when, (value) => {
          try {
            const parsed = JSON.parse(text.value);
            if (value.trim()) {
              parsed.when = value;
            } else {
              delete parsed.when;
            }
            text.value = pretty(parsed);
          } catch (e) {
            // the document is being edited by hand: leave it as it is
          }
        }, true);
    replace(detail, h('h2', {}, `Segment ${document.key}`),
        condition,
        field('Segment document (JSON)', text),
        editor ? action('Save segment', async () => {
          try {
            const parsed = JSON.parse(text.value);
            const {putSegment} = await gql(PUT_SEGMENT, {ns, s: parsed, r: data.namespace.revision});
            replace(out, status('ok', `Saved segment ${parsed.key}: revision ${putSegment.revision}.`));
            await load();
          } catch (e) {
            replace(out, status('error', e.describe ? e.describe() : `Not valid JSON: ${e.message}`));
          }
        }) : null, out);
  }

  function drawPlayground(key, envs) {
    const env = h('input', {id: 'eval-environment', value: envs[0] || 'prod', size: 12});
    const ctx = h('textarea', {class: 'code', id: 'eval-context', spellcheck: 'false'});
    ctx.value = pretty({targetingKey: 'user-1', country: 'US'});
    ctx.style.minHeight = '6rem';
    const out = h('div', {id: 'eval-result', 'aria-live': 'polite'});
    const run = async (all) => {
      let context;
      try {
        context = JSON.parse(ctx.value);
      } catch (e) {
        replace(out, status('error', `The context is not valid JSON: ${e.message}`));
        return;
      }
      try {
        const rows = all
          ? (await gql(EVALUATE_ALL, {ns, env: env.value, ctx: context})).evaluateFlags
          : [(await gql(EVALUATE, {ns, env: env.value, key, ctx: context})).evaluateFlag];
        replace(out, h('div', {class: 'table-wrap'}, h('table', {},
            h('thead', {}, h('tr', {}, ['Flag', 'Value', 'Variation', 'Reason', 'Rule', 'Error'].map((t) => h('th', {}, t)))),
            h('tbody', {}, rows.map((r) => h('tr', {'data-flag': r.key},
                h('td', {}, r.key), h('td', {class: 'mono eval-value'}, json(r.value)), h('td', {class: 'eval-variation'}, r.variation || '—'),
                h('td', {class: 'eval-reason'}, r.reason), h('td', {}, r.ruleId || '—'),
                h('td', {}, r.errorCode ? `${r.errorCode}${r.message ? `: ${r.message}` : ''}` : '—')))))));
      } catch (e) {
        replace(out, status('error', e.describe()));
      }
    };
    replace(playground, h('h2', {}, 'Evaluation playground'),
        h('div', {class: 'row'}, field('Environment', env)),
        field('Context (JSON: targetingKey and attributes)', ctx),
        h('div', {class: 'toolbar'},
            key ? action(`Evaluate ${key}`, () => run(false), {id: 'evaluate'}) : null,
            action('Evaluate every flag', () => run(true), {class: 'secondary', id: 'evaluate-all'})),
        out);
  }

  await load();
  replace(view, h('h1', {}, `${ns}: flags and segments`),
      Object.keys(data.namespace.attributes || {}).length
        ? h('p', {class: 'muted'}, `Declared attributes: ${Object.entries(data.namespace.attributes).map(([k, t]) => `${k} (${t})`).join(', ')}`)
        : h('p', {class: 'muted'}, 'No attributes declared: rules are untyped.'),
      lists, detail, playground);
  append(detail, h('p', {class: 'muted'}, 'Pick a flag or a segment.'));
  drawPlayground(null, []);
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}
