// Hash routes: "#/namespaces/checkout/rollouts/r-12" → {page: 'rollout', params: {ns, id}}.
// Bookmarkable, and nothing secret ever goes in them.

const ROUTES = [
  ['namespaces', /^\/namespaces\/?$/],
  ['config', /^\/namespaces\/([^/]+)\/?$/],
  ['layers', /^\/namespaces\/([^/]+)\/layers\/?$/],
  ['history', /^\/namespaces\/([^/]+)\/history\/?$/],
  ['flags', /^\/namespaces\/([^/]+)\/flags\/?$/],
  ['changes', /^\/namespaces\/([^/]+)\/changes(?:\/([^/]+))?\/?$/],
  ['rollouts', /^\/namespaces\/([^/]+)\/rollouts\/?$/],
  ['rollout', /^\/namespaces\/([^/]+)\/rollouts\/([^/]+)\/?$/],
  ['hosts', /^\/namespaces\/([^/]+)\/hosts\/?$/],
  ['audit', /^\/namespaces\/([^/]+)\/audit\/?$/],
];

/** The route of a hash, or null when none matches. */
export function parse(hash) {
  const path = (hash || '').replace(/^#/, '') || '/namespaces';
  for (const [page, pattern] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      const [, ns, id] = match.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
      return {page, params: {ns, id}, path};
    }
  }
  return null;
}

/** The hash of a namespace page: link('checkout', 'rollouts', 'r-1') → "#/namespaces/checkout/rollouts/r-1". */
export function link(ns, ...rest) {
  const parts = ['namespaces', ns, ...rest].filter((p) => p !== undefined && p !== null && p !== '');
  return '#/' + parts.map(encodeURIComponent).join('/');
}

export function navigate(hash) {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}
