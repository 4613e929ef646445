// Cascade GraphQL explorer: a small, self-contained page (no framework, nothing loaded from
// another origin). It posts to the server's /graphql endpoint, sends the API key from this tab's
// sessionStorage as "Authorization: Bearer <key>", and builds its schema docs from introspection.
//
// URL parameters: ?example=<id> or ?query=<text>&variables=<json> prefill the editors, and
// &run=1 runs the request once the page has loaded. Keys are never read from the URL.
(function () {
  'use strict';

  const ENDPOINT = new URL('../graphql', document.baseURI).pathname;
  const KEY_STORAGE = 'cascade.explorer.apiKey';
  const INDENT = '  ';

  const EXAMPLES = [
    {
      id: 'createNamespace', label: 'createNamespace',
      query: `mutation CreateNamespace($name: String!) {
  createNamespace(name: $name, message: "created from the explorer") {
    name
    dimensions
    revision
  }
}`,
      variables: { name: 'checkout' }
    },
    {
      id: 'registerSchema', label: 'registerSchema',
      query: `mutation RegisterSchema($namespace: String!, $schema: JSON!, $dryRun: Boolean) {
  registerSchema(namespace: $namespace, schema: $schema, dryRun: $dryRun) {
    version
    committed
    revision
    valid
    breaking
    violations { scope layer path message rule }
    changes { path kind breaking message }
  }
}`,
      variables: {
        namespace: 'checkout',
        dryRun: false,
        schema: {
          type: 'object',
          properties: {
            pool: {
              type: 'object',
              properties: {
                size: { type: 'integer', minimum: 1, maximum: 500, 'x-cascade-overridable': ['environment'] }
              }
            },
            timeoutMs: { type: 'integer', minimum: 1 },
            banner: { type: 'string' }
          }
        }
      }
    },
    {
      id: 'putLayerDefaults', label: 'putLayer (defaults)',
      query: `mutation PutLayer($namespace: String!, $selector: JSON!, $content: JSON!, $expectedRevision: Int) {
  putLayer(namespace: $namespace, selector: $selector, content: $content,
           expectedRevision: $expectedRevision, message: "defaults") {
    namespace
    revision
    author
    committedAt
  }
}`,
      variables: {
        namespace: 'checkout',
        selector: {},
        content: { pool: { size: 10 }, timeoutMs: 2000, banner: 'hello' }
      }
    },
    {
      id: 'putLayerProd', label: 'putLayer (prod override)',
      query: `mutation PutLayer($namespace: String!, $selector: JSON!, $content: JSON!, $expectedRevision: Int) {
  putLayer(namespace: $namespace, selector: $selector, content: $content,
           expectedRevision: $expectedRevision, message: "bigger pool in prod") {
    namespace
    revision
    author
    committedAt
  }
}`,
      variables: {
        namespace: 'checkout',
        selector: { environment: 'prod' },
        content: { pool: { size: 40 } }
      }
    },
    {
      id: 'resolveConfig', label: 'resolveConfig (explain)',
      query: `query ResolveConfig($namespace: String!, $scope: JSON!) {
  resolveConfig(namespace: $namespace, scope: $scope, explain: true) {
    namespace
    revision
    scope
    config
    sources { path selector }
  }
}`,
      variables: {
        namespace: 'checkout',
        scope: { environment: 'prod', site: 'us-east-1', tenant: 'acme' }
      }
    },
    {
      id: 'history', label: 'history',
      query: `query History($namespace: String!, $first: Int) {
  history(namespace: $namespace, first: $first) {
    edges {
      node {
        revision
        author
        message
        committedAt
        changes { kind action target }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
      variables: { namespace: 'checkout', first: 10 }
    }
  ];

  // Kept small on purpose: the server bounds query depth and field count.
  const INTROSPECTION = `query ExplorerIntrospection {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      kind
      name
      description
      fields { name description args { name description defaultValue type { ...TypeRef } } type { ...TypeRef } }
      inputFields { name description defaultValue type { ...TypeRef } }
      enumValues { name description }
    }
  }
}
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

  const $ = (id) => document.getElementById(id);
  const queryEl = $('query');
  const variablesEl = $('variables');
  const variablesErrorEl = $('variables-error');
  const keyEl = $('api-key');
  const runEl = $('run');
  const statusEl = $('status');
  const outputEl = $('output');
  const codesEl = $('error-codes');
  const exampleEl = $('example');
  const docsBody = $('docs-body');
  const docsTitle = $('docs-title');
  const docsBack = $('docs-back');

  let schema = null;       // { types: Map(name -> type), roots: [{kind, type}] }
  let docsStack = [];      // names of the types shown, for "Back"
  let running = false;

  // ---------- small DOM helper ----------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'onclick') node.addEventListener('click', value);
      else if (name === 'className') node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  // ---------- editors ----------

  let tabMovesFocus = false;

  function onEditorKey(event) {
    if (event.key === 'Escape') {
      tabMovesFocus = true;
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !tabMovesFocus) {
      event.preventDefault();
      insertText(event.target, INDENT);
    }
    tabMovesFocus = false;
  }

  function insertText(textarea, text) {
    textarea.focus();
    // execCommand keeps the browser's undo history; setRangeText is the fallback.
    if (!document.execCommand || !document.execCommand('insertText', false, text)) {
      textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, 'end');
    }
  }

  function setEditors(query, variables) {
    queryEl.value = query;
    variablesEl.value = typeof variables === 'string' ? variables : JSON.stringify(variables || {}, null, 2);
    clearVariablesError();
  }

  function clearVariablesError() {
    variablesErrorEl.textContent = '';
    variablesEl.removeAttribute('aria-invalid');
  }

  /** Returns the variables object, or undefined (after showing why) when they are not valid. */
  function readVariables() {
    const text = variablesEl.value.trim();
    if (text === '') return {};
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return variablesProblem('Variables are not valid JSON: ' + e.message);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return variablesProblem('Variables must be a JSON object, like {"namespace": "checkout"}.');
    }
    clearVariablesError();
    return value;
  }

  function variablesProblem(message) {
    variablesErrorEl.textContent = message;
    variablesEl.setAttribute('aria-invalid', 'true');
    return undefined;
  }

  // ---------- API key ----------

  function apiKey() {
    return keyEl.value.trim();
  }

  function storeKey() {
    const key = apiKey();
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  }

  // ---------- requests ----------

  async function post(body) {
    const headers = { 'Content-Type': 'application/json', 'Accept': 'application/graphql-response+json, application/json' };
    const key = apiKey();
    if (key) headers['Authorization'] = 'Bearer ' + key;
    const response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch (e) {
      json = undefined;
    }
    return { response, text, json };
  }

  async function run() {
    if (running) return;
    const variables = readVariables();
    if (variables === undefined) {
      variablesEl.focus();
      return;
    }
    const query = queryEl.value;
    if (!query.trim()) {
      showStatus('Nothing to run: the query is empty.', false);
      return;
    }
    running = true;
    runEl.disabled = true;
    showStatus('Running…', null);
    const started = performance.now();
    try {
      const { response, text, json } = await post({ query, variables });
      const ms = Math.round(performance.now() - started);
      const errors = json && Array.isArray(json.errors) ? json.errors.length : 0;
      const summary = errors === 0 ? '' : ` · ${errors} error${errors === 1 ? '' : 's'}`;
      showStatus(`HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''} · ${ms} ms${summary}`,
        response.ok && errors === 0);
      showBody(json, text);
    } catch (e) {
      showStatus('Request failed: ' + e.message, false);
      showBody(undefined, '');
    } finally {
      running = false;
      runEl.disabled = false;
    }
  }

  function showStatus(text, ok) {
    statusEl.textContent = text;
    statusEl.className = 'status' + (ok === true ? ' ok' : ok === false ? ' bad' : '');
  }

  // ---------- response rendering ----------

  function showBody(json, text) {
    outputEl.replaceChildren();
    codesEl.replaceChildren();
    codesEl.hidden = true;
    if (json === undefined) {
      outputEl.textContent = text || '(empty body)';
      return;
    }
    const errors = Array.isArray(json.errors) ? json.errors : [];
    for (const error of errors) {
      const code = error && error.extensions && error.extensions.code;
      codesEl.append(el('li', {},
        el('span', { className: 'code' }, String(code || 'NO CODE')), ' ', String((error && error.message) || '')));
    }
    codesEl.hidden = errors.length === 0;
    const fragment = document.createDocumentFragment();
    renderJson(fragment, json, '', []);
    outputEl.append(fragment);
  }

  function isErrorCode(path) {
    return path.length === 4 && path[0] === 'errors' && path[2] === 'extensions' && path[3] === 'code';
  }

  function renderJson(out, value, indent, path) {
    if (Array.isArray(value)) {
      if (value.length === 0) return out.append('[]');
      out.append('[\n');
      value.forEach((item, i) => {
        out.append(indent + INDENT);
        renderJson(out, item, indent + INDENT, path.concat(i));
        out.append(i < value.length - 1 ? ',\n' : '\n');
      });
      return out.append(indent + ']');
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 0) return out.append('{}');
      out.append('{\n');
      keys.forEach((key, i) => {
        out.append(indent + INDENT, el('span', { className: 'j-key' }, JSON.stringify(key)), ': ');
        renderJson(out, value[key], indent + INDENT, path.concat(key));
        out.append(i < keys.length - 1 ? ',\n' : '\n');
      });
      return out.append(indent + '}');
    }
    const kind = value === null ? 'null' : typeof value;
    const className = 'j-' + kind + (isErrorCode(path) ? ' j-error-code' : '');
    out.append(el('span', { className }, JSON.stringify(value)));
  }

  // ---------- schema docs ----------

  async function loadSchema() {
    docsStack = [];
    docsBody.textContent = 'Loading the schema…';
    try {
      const { response, json } = await post({ query: INTROSPECTION, operationName: 'ExplorerIntrospection' });
      const data = json && json.data && json.data.__schema;
      if (!data) {
        const error = json && Array.isArray(json.errors) && json.errors[0];
        const code = error && error.extensions && error.extensions.code;
        throw new Error(`HTTP ${response.status}` + (code ? ' ' + code : '') + (error ? ': ' + error.message : ''));
      }
      schema = indexSchema(data);
      showRoot();
    } catch (e) {
      schema = null;
      docsTitle.textContent = 'Schema';
      docsBack.hidden = true;
      docsBody.replaceChildren(
        el('p', { className: 'error-text' }, 'Could not load the schema (' + e.message + ').'),
        el('p', { className: 'muted' }, 'If the server needs a key, enter it above and press Reload.'));
    }
  }

  function indexSchema(data) {
    const types = new Map(data.types.map((t) => [t.name, t]));
    const roots = [
      ['query', data.queryType], ['mutation', data.mutationType], ['subscription', data.subscriptionType]
    ].filter(([, ref]) => ref && types.has(ref.name)).map(([kind, ref]) => ({ kind, type: types.get(ref.name) }));
    return { types, roots };
  }

  function namedType(ref) {
    while (ref.ofType) ref = ref.ofType;
    return ref.name;
  }

  function typeString(ref) {
    if (ref.kind === 'NON_NULL') return typeString(ref.ofType) + '!';
    if (ref.kind === 'LIST') return '[' + typeString(ref.ofType) + ']';
    return ref.name;
  }

  /** A type reference with its named type as a button that opens that type. */
  function typeLink(ref) {
    const text = typeString(ref);
    const name = namedType(ref);
    const at = text.indexOf(name);
    return el('span', { className: 'type-ref' }, text.slice(0, at),
      el('button', { type: 'button', className: 'type', onclick: () => showType(name, true) }, name),
      text.slice(at + name.length));
  }

  function setDocsHeader(title) {
    docsTitle.textContent = title;
    docsBack.hidden = docsStack.length === 0;
  }

  function showRoot() {
    docsStack = [];
    setDocsHeader('Schema');
    const body = [];
    for (const root of schema.roots) {
      const label = root.type.name.toLowerCase() === root.kind ? null : el('span', { className: 'muted' }, root.kind);
      body.push(el('h3', {}, root.type.name, label ? ' ' : '', label));
      body.push(fieldList(root.type, root.kind));
    }
    const others = [...schema.types.values()]
      .filter((t) => !t.name.startsWith('__') && !schema.roots.some((r) => r.type === t))
      .sort((a, b) => a.name.localeCompare(b.name));
    body.push(el('h3', {}, 'All types'));
    body.push(el('ul', { className: 'type-list' }, ...others.map((t) =>
      el('li', {}, el('button', { type: 'button', className: 'type', onclick: () => showType(t.name, true) }, t.name),
        ' ', el('span', { className: 'muted' }, t.kind.toLowerCase().replace('_', ' '))))));
    docsBody.replaceChildren(...body);
    docsBody.scrollTop = 0;
  }

  function showType(name, push) {
    const type = schema && schema.types.get(name);
    if (!type) return;
    if (push) docsStack.push(name);
    setDocsHeader(name);
    const root = schema.roots.find((r) => r.type === type);
    const body = [el('p', { className: 'muted' }, type.kind.toLowerCase().replace('_', ' '))];
    if (type.description) body.push(el('p', { className: 'desc' }, type.description));
    if (type.fields) body.push(fieldList(type, root ? root.kind : null));
    if (type.inputFields) {
      body.push(el('ul', { className: 'fields' }, ...type.inputFields.map((f) =>
        el('li', {}, el('code', {}, f.name), ': ', typeLink(f.type),
          f.defaultValue !== null ? ' = ' + f.defaultValue : '',
          f.description ? el('p', { className: 'desc' }, f.description) : null))));
    }
    if (type.enumValues) {
      body.push(el('ul', { className: 'fields' }, ...type.enumValues.map((v) =>
        el('li', {}, el('code', {}, v.name), v.description ? el('p', { className: 'desc' }, v.description) : null))));
    }
    docsBody.replaceChildren(...body);
    docsBody.scrollTop = 0;
    docsTitle.focus();
  }

  function back() {
    docsStack.pop();
    if (docsStack.length === 0) showRoot();
    else showType(docsStack[docsStack.length - 1], false);
  }

  /** The fields of a type; for a root type, each name inserts a starter operation. */
  function fieldList(type, rootKind) {
    return el('ul', { className: 'fields' }, ...type.fields.map((field) => {
      const name = rootKind
        ? el('button', { type: 'button', className: 'field', title: 'Insert a starter ' + rootKind,
            onclick: () => insertStarter(rootKind, field) }, field.name)
        : el('code', {}, field.name);
      const args = field.args.length === 0 ? null : el('ul', { className: 'args' }, ...field.args.map((a) =>
        el('li', {}, el('code', {}, a.name), ': ', typeLink(a.type),
          a.defaultValue !== null ? ' = ' + a.defaultValue : '')));
      return el('li', {}, name, args ? '(' : '', args, args ? ')' : '', ': ', typeLink(field.type),
        field.description ? el('p', { className: 'desc' }, field.description) : null);
    }));
  }

  // ---------- starter operations ----------

  function insertStarter(rootKind, field) {
    const required = field.args.filter((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null);
    const opName = field.name.charAt(0).toUpperCase() + field.name.slice(1);
    const params = required.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
    const call = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = selectionFor(field.type, 1, INDENT);
    const lines = [
      `${rootKind} ${opName}${params ? '(' + params + ')' : ''} {`,
      `${INDENT}${field.name}${call ? '(' + call + ')' : ''}${selection ? ' ' + selection : ''}`,
      '}'
    ];
    const variables = {};
    for (const a of required) variables[a.name] = placeholder(a.type);
    setEditors(lines.join('\n'), variables);
    exampleEl.value = '';
    queryEl.focus();
    showStatus(`Inserted a starter ${rootKind} for ${field.name}.`, null);
  }

  /** "{ ... }" with the leaf fields of the type, and nested objects up to three levels. */
  function selectionFor(ref, depth, indent) {
    const type = schema.types.get(namedType(ref));
    if (!type || !type.fields) return '';
    const inner = indent + INDENT;
    const lines = [];
    for (const f of type.fields) {
      if (f.args.some((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null)) continue;
      const fieldType = schema.types.get(namedType(f.type));
      if (!fieldType || !fieldType.fields) {
        lines.push(inner + f.name);
      } else if (depth < 3) {
        const sub = selectionFor(f.type, depth + 1, inner);
        if (sub) lines.push(inner + f.name + ' ' + sub);
      }
    }
    return lines.length ? '{\n' + lines.join('\n') + '\n' + indent + '}' : '';
  }

  function placeholder(ref) {
    if (ref.kind === 'NON_NULL') return placeholder(ref.ofType);
    if (ref.kind === 'LIST') return [];
    const type = schema.types.get(ref.name);
    if (type && type.enumValues && type.enumValues.length) return type.enumValues[0].name;
    switch (ref.name) {
      case 'Int': case 'Float': return 0;
      case 'Boolean': return false;
      case 'String': case 'ID': case 'DateTime': return '';
      default: return {};
    }
  }

  // ---------- wiring ----------

  function loadExample(id) {
    const example = EXAMPLES.find((e) => e.id === id);
    if (example) setEditors(example.query, example.variables);
    return Boolean(example);
  }

  function init() {
    for (const e of EXAMPLES) exampleEl.append(el('option', { value: e.id }, e.label));
    keyEl.value = sessionStorage.getItem(KEY_STORAGE) || '';

    const params = new URLSearchParams(location.search);
    if (params.has('example') && loadExample(params.get('example'))) {
      exampleEl.value = params.get('example');
    } else if (params.has('query')) {
      setEditors(params.get('query'), params.get('variables') || '{}');
    } else {
      loadExample('resolveConfig');
      exampleEl.value = 'resolveConfig';
    }

    for (const editor of [queryEl, variablesEl]) editor.addEventListener('keydown', onEditorKey);
    variablesEl.addEventListener('input', () => { if (variablesErrorEl.textContent) readVariables(); });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      }
    });
    runEl.addEventListener('click', run);
    exampleEl.addEventListener('change', () => loadExample(exampleEl.value));
    keyEl.addEventListener('change', () => { storeKey(); loadSchema(); });
    keyEl.addEventListener('input', storeKey);
    docsBack.addEventListener('click', back);
    $('docs-reload').addEventListener('click', loadSchema);
    docsTitle.setAttribute('tabindex', '-1');

    loadSchema();
    if (params.get('run') === '1') run();
  }

  init();
})();
