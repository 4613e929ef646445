// #/namespaces/{ns}/hosts: every host seen, with the scope it runs and the revision it acknowledged.

import {gql, all} from '../api.js';
import {h, replace, time, selectorText} from '../dom.js';
import {subscribe} from '../ws.js';

const HOSTS = `query($ns: String!, $after: String) { namespace(name: $ns) { revision dimensions }
  hosts(namespace: $ns, first: 100, after: $after) { edges { node { hostId scope appliedRevision connected lastSeenAt } }
  pageInfo { hasNextPage endCursor } } }`;
const EVENTS = `subscription($ns: String!) { namespaceEvents(namespace: $ns) { revision } }`;

export async function render(view, {params}) {
  const ns = params.ns;
  const section = h('section', {class: 'card'});
  async function load() {
    let namespace;
    const hosts = await all(HOSTS, {ns}, (d) => {
      namespace = d.namespace;
      return d.hosts;
    });
    replace(section, h('h2', {}, `${hosts.length} host${hosts.length === 1 ? '' : 's'}; the namespace is at revision ${namespace.revision}`),
        hosts.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'hosts'},
            h('thead', {}, h('tr', {}, ['Host', 'Scope', 'Runs revision', 'Connected', 'Last seen'].map((t) => h('th', {}, t)))),
            h('tbody', {}, hosts.map((host) => h('tr', {'data-host': host.hostId},
                h('td', {}, host.hostId), h('td', {}, selectorText(host.scope, namespace.dimensions)),
                h('td', {}, host.appliedRevision === null ? 'none acknowledged' : String(host.appliedRevision)),
                h('td', {}, host.connected ? 'connected' : 'not connected'), h('td', {}, time(host.lastSeenAt)))))))
          : h('p', {class: 'muted'}, 'No host has subscribed or reported yet.'));
  }
  await load();
  replace(view, h('h1', {}, `${ns}: hosts`), section);
  return subscribe(EVENTS, {ns}, {next: () => load().catch(() => {})});
}
