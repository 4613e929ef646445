// #/namespaces: the namespaces the key may read; the platform admin may create one.

import {gql, all} from '../api.js';
import {h, replace, status, field, action} from '../dom.js';
import {link, navigate} from '../router.js';

const LIST = `query($after: String) { namespaces(first: 100, after: $after) {
  edges { node { name dimensions revision createdAt } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation($name: String!, $dimensions: [String!]) {
  createNamespace(name: $name, dimensions: $dimensions, message: "created from the dashboard") { name } }`;

export async function render(view, {me}) {
  const namespaces = await all(LIST, {}, (d) => d.namespaces);
  const rows = namespaces.map((ns) => h('tr', {},
      h('td', {}, h('a', {href: link(ns.name), class: 'ns-link'}, ns.name)),
      h('td', {}, ns.dimensions.join(' → ')),
      h('td', {}, String(ns.revision))));
  replace(view,
      h('h1', {}, 'Namespaces'),
      namespaces.length
        ? h('div', {class: 'table-wrap card'}, h('table', {id: 'namespaces'},
            h('thead', {}, h('tr', {}, h('th', {}, 'Namespace'), h('th', {}, 'Dimensions'), h('th', {}, 'Revision'))),
            h('tbody', {}, rows)))
        : h('p', {class: 'muted'}, 'No namespaces yet.'),
      me.platformAdmin ? createForm() : null);
}

function createForm() {
  const name = h('input', {name: 'name', required: true, pattern: '[a-z0-9][a-z0-9._-]{0,62}'});
  const dimensions = h('input', {name: 'dimensions', value: 'environment, site, tenant'});
  const out = h('div', {'aria-live': 'polite'});
  return h('section', {class: 'card'},
      h('h2', {}, 'Create a namespace'),
      h('div', {class: 'row'},
          field('Name', name),
          field('Dimensions, least specific first', dimensions),
          action('Create namespace', async () => {
            try {
              const dims = dimensions.value.split(',').map((d) => d.trim()).filter(Boolean);
              await gql(CREATE, {name: name.value.trim(), dimensions: dims.length ? dims : null});
              navigate(link(name.value.trim()));
            } catch (e) {
              replace(out, status('error', e.describe ? e.describe() : e.message));
            }
          })),
      out);
}
