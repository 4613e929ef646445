// The GraphQL client: POST /graphql with the key from this tab's sessionStorage. The key is never
// put in a URL, in localStorage or in a cookie.

const KEY = 'cascade.ui.apiKey';
const ENDPOINT = new URL('../graphql', document.baseURI).href;

export const session = {
  key() {
    return sessionStorage.getItem(KEY);
  },
  signIn(key) {
    sessionStorage.setItem(KEY, key);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
  },
};

/** A GraphQL answer with errors: code is the first error's extensions.code. */
export class ApiError extends Error {
  constructor(errors, status) {
    const first = errors[0] || {};
    super(first.message || `request failed (HTTP ${status})`);
    this.errors = errors;
    this.code = (first.extensions && first.extensions.code) || (status === 401 ? 'UNAUTHENTICATED' : 'ERROR');
    this.violations = (first.extensions && first.extensions.violations) || [];
  }

  /** "CODE: message" for every error. */
  describe() {
    return this.errors.map((e) => `${(e.extensions && e.extensions.code) || 'ERROR'}: ${e.message}`).join('\n');
  }
}

const listeners = new Set();

/** Called with the ApiError when the server no longer takes the key (to send the user to login). */
export function onUnauthenticated(fn) {
  listeners.add(fn);
}

/** Runs a query or mutation and returns its data; throws ApiError when there are errors. */
export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${session.key() || ''}`,
      },
      body: JSON.stringify({query, variables}),
    });
  } catch (e) {
    throw new ApiError([{message: `the server cannot be reached (${e.message})`, extensions: {code: 'NETWORK'}}], 0);
  }
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new ApiError([], response.status);
  }
  const errors = body.errors || (body.error ? [body.error] : []);
  if (errors.length || !response.ok) {
    const error = new ApiError(errors.length ? errors : [{message: body.message}], response.status);
    if (error.code === 'UNAUTHENTICATED') listeners.forEach((fn) => fn(error));
    throw error;
  }
  return body.data;
}

/** Every page's nodes of a Relay connection field, following pageInfo (at most `limit`). */
export async function all(query, variables, pick, limit = 1000) {
  const out = [];
  let after = null;
  while (out.length < limit) {
    const connection = pick(await gql(query, {...variables, after}));
    out.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return out;
}
