// A small graphql-transport-ws client: one WebSocket on /graphql for every subscription of the
// page, opened on the first subscribe and closed when the last one ends. It authenticates in
// connection_init ({"authorization": "Bearer <key>"}), never in the URL; after a dropped connection
// it reconnects with backoff and subscribes again (each subscription's first message is the
// current state, so nothing is missed).

import {session} from './api.js';

const URL_ = (() => {
  const url = new URL('../graphql', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
})();

let socket = null;
let acknowledged = false;
let nextId = 1;
let retry = 0;
let retryTimer = null;
const active = new Map(); // id -> {payload, sink}
const statusListeners = new Set();

/** fn('connecting' | 'live' | 'offline' | 'refused') whenever the connection changes. */
export function onStatus(fn) {
  statusListeners.add(fn);
  return () => statusListeners.delete(fn);
}

function setStatus(state) {
  statusListeners.forEach((fn) => fn(state));
}

function send(message) {
  socket.send(JSON.stringify(message));
}

function connect() {
  clearTimeout(retryTimer);
  acknowledged = false;
  setStatus('connecting');
  const ws = new WebSocket(URL_, 'graphql-transport-ws');
  socket = ws;
  ws.onopen = () => ws.send(JSON.stringify({type: 'connection_init', payload: {authorization: `Bearer ${session.key() || ''}`}}));
  ws.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message.type === 'connection_ack') {
      acknowledged = true;
      retry = 0;
      setStatus('live');
      for (const [id, sub] of active) send({id, type: 'subscribe', payload: sub.payload});
    } else if (message.type === 'ping') {
      send({type: 'pong'});
    } else if (message.type === 'next' || message.type === 'error' || message.type === 'complete') {
      const sub = active.get(message.id);
      if (!sub) return;
      if (message.type === 'next' && message.payload && message.payload.data) {
        sub.sink.next(message.payload.data);
      } else if (message.type !== 'complete' || sub.errored) {
        const errors = message.type === 'error' ? message.payload : (message.payload && message.payload.errors);
        if (errors) {
          sub.errored = true;
          active.delete(message.id);
          if (sub.sink.error) sub.sink.error(errors);
        }
      } else {
        active.delete(message.id);
      }
    }
  };
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    acknowledged = false;
    if (event.code === 4403) {
      setStatus('refused');
      return;
    }
    if (active.size === 0) return;
    setStatus('offline');
    retry = Math.min(retry + 1, 6);
    retryTimer = setTimeout(connect, 250 * 2 ** retry);
  };
}

/**
 * Subscribes: sink.next(data) for every message, sink.error(errors) when the server refuses.
 * Returns a function that ends the subscription.
 */
export function subscribe(query, variables, sink) {
  const id = String(nextId++);
  const sub = {payload: {query, variables}, sink};
  active.set(id, sub);
  if (!socket) {
    connect();
  } else if (acknowledged) {
    send({id, type: 'subscribe', payload: sub.payload});
  }
  return () => {
    if (!active.delete(id)) return;
    if (socket && acknowledged) send({id, type: 'complete'});
    if (active.size === 0 && socket) {
      const ws = socket;
      socket = null;
      ws.close(1000, 'no subscriptions');
      setStatus('idle');
    }
  };
}

/** Ends every subscription and the connection (on logout). */
export function closeAll() {
  active.clear();
  clearTimeout(retryTimer);
  if (socket) {
    const ws = socket;
    socket = null;
    ws.close(1000, 'logout');
  }
  setStatus('idle');
}
