// What the signed-in key may do, from whoami: the dashboard offers only those actions (the server
// checks every request anyway).

const RANK = {VIEWER: 1, EDITOR: 2, APPROVER: 3, ADMIN: 4};

/** Whether `me` holds at least `role` in namespace `ns`. The platform admin holds every role. */
export function can(me, ns, role) {
  if (!me) return false;
  if (me.platformAdmin) return true;
  return me.namespace === ns && (RANK[me.role] || 0) >= RANK[role];
}

/** "platform admin" or "EDITOR in checkout". */
export function describe(me) {
  if (me.platformAdmin) return 'platform admin';
  if (me.role === 'SDK') return `SDK key for ${me.namespace} / ${me.environment}`;
  return `${me.role} in ${me.namespace}`;
}
