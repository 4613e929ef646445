// The dashboard shell: login, the header (who, live status, theme, logout), the namespace tabs,
// and the router that loads one page module per route.

import {gql, session, onUnauthenticated} from './api.js';
import {h, replace, status} from './dom.js';
import {parse, link} from './router.js';
import {describe} from './roles.js';
import * as ws from './ws.js';

const app = document.getElementById('app');
const THEME = 'cascade.ui.theme';

let me = null;
let cleanup = null;
let renderToken = 0;

const TABS = [
  ['config', 'Config', ''],
  ['layers', 'Layers', 'layers'],
  ['history', 'History', 'history'],
  ['flags', 'Flags', 'flags'],
  ['changes', 'Changes', 'changes'],
  ['rollouts', 'Rollouts', 'rollouts'],
  ['hosts', 'Hosts', 'hosts'],
  ['audit', 'Audit', 'audit'],
];

// ---- theme: the system's preference unless the user chose one (a preference, not a secret)

function applyTheme() {
  const chosen = localStorage.getItem(THEME);
  if (chosen) {
    document.documentElement.dataset.theme = chosen;
  } else {
    delete document.documentElement.dataset.theme;
  }
}

function currentTheme() {
  return document.documentElement.dataset.theme
      || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

function themeButton() {
  const button = h('button', {type: 'button', class: 'ghost', id: 'theme-toggle'});
  const label = () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    button.textContent = `Use ${next} theme`;
  };
  button.addEventListener('click', () => {
    localStorage.setItem(THEME, currentTheme() === 'dark' ? 'light' : 'dark');
    applyTheme();
    label();
  });
  label();
  return button;
}

// ---- login

function showLogin(message) {
  ws.closeAll();
  me = null;
  if (cleanup) cleanup();
  cleanup = null;
  const input = h('input', {name: 'apiKey', id: 'apiKey', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false'});
  const out = h('div', {'aria-live': 'polite'}, message ? status('error', message) : null);
  const form = h('form', {id: 'login', class: 'card login'},
      h('h1', {}, 'Cascade'),
      h('p', {}, 'Sign in with an API key. It stays in this browser tab only and is forgotten when the tab closes.'),
      h('label', {class: 'field', for: 'apiKey'}, h('span', {class: 'label'}, 'API key'), input),
      h('button', {type: 'submit'}, 'Sign in'),
      out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    session.signIn(input.value.trim());
    try {
      await start();
    } catch (e) {
      session.signOut();
      replace(out, status('error', e.code === 'UNAUTHENTICATED' ? 'That key is not valid.' : e.message));
    }
  });
  replace(app, h('main', {class: 'login-page'}, form));
  input.focus();
}

function logout() {
  session.signOut();
  showLogin();
}

// ---- shell

async function start() {
  const data = await gql('{ whoami { keyId description platformAdmin namespace role environment } }');
  me = data.whoami;
  if (me.role === 'SDK') {
    session.signOut();
    throw new Error('SDK keys are for hosts: sign in with a VIEWER key or above.');
  }
  const live = h('span', {class: 'live', id: 'live', role: 'status'}, '');
  const header = h('header', {class: 'top'},
      h('a', {href: '#/namespaces', class: 'brand'}, 'Cascade'),
      h('span', {class: 'who', id: 'who'}, `${me.description || me.keyId} · ${describe(me)}`),
      live,
      h('span', {class: 'spacer'}),
      themeButton(),
      h('button', {type: 'button', class: 'ghost', id: 'logout', onclick: logout}, 'Log out'));
  const nav = h('nav', {class: 'tabs', id: 'tabs', 'aria-label': 'Namespace pages'});
  const view = h('main', {id: 'view', tabindex: '-1'});
  replace(app, header, nav, view);
  await route();
}

async function route() {
  if (!me) return;
  const token = ++renderToken;
  if (cleanup) {
    try {
      cleanup();
    } catch (e) {
      // a page's cleanup failing must not stop the next page
    }
    cleanup = null;
  }
  const view = document.getElementById('view');
  const nav = document.getElementById('tabs');
  const current = parse(location.hash);
  if (!current) {
    replace(nav);
    replace(view, h('h1', {}, 'Not found'), h('p', {}, h('a', {href: '#/namespaces'}, 'Back to the namespaces')));
    return;
  }
  const {page, params} = current;
  if (params.ns) {
    const active = page === 'rollout' ? 'rollouts' : page;
    replace(nav, h('span', {class: 'ns-name'}, params.ns), TABS.map(([name, label, path]) =>
        h('a', {href: link(params.ns, path), 'aria-current': name === active ? 'page' : null}, label)));
  } else {
    replace(nav);
  }
  replace(view, h('p', {class: 'muted'}, 'Loading…'));
  try {
    const module = await import(`./pages/${page}.js`);
    if (token !== renderToken) return;
    const container = h('div', {class: `page page-${page}`, 'data-page': page});
    replace(view, container);
    const result = await module.render(container, {params, me});
    if (token !== renderToken) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
  } catch (e) {
    if (token !== renderToken) return;
    replace(view, status('error', e.describe ? e.describe() : e.message));
  }
}

applyTheme();
ws.onStatus((state) => {
  const live = document.getElementById('live');
  if (live) {
    live.textContent = state === 'live' ? '● live' : state === 'idle' ? '' : `○ ${state}`;
    live.dataset.state = state;
  }
  // 4403: the key was refused on the WebSocket (revoked since sign-in, say).
  if (state === 'refused' && me) showLogin('The key is no longer accepted: sign in again.');
});
onUnauthenticated(() => {
  if (me) showLogin('The key is no longer accepted: sign in again.');
});
window.addEventListener('hashchange', route);
if (session.key()) {
  start().catch((e) => showLogin(e.code === 'UNAUTHENTICATED' ? 'That key is not valid.' : e.message));
} else {
  showLogin();
}
