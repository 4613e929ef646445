// A JSON value as a nested list, each leaf with an optional note (the config page's "set by").

import {h} from './dom.js';

/** Escapes a member name for a JSON Pointer (RFC 6901). */
export function pointerPart(name) {
  return String(name).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A <ul class="tree"> of value. note(pointer) returns what to show beside the leaf at that JSON
 * Pointer (or null). Leaves carry data-path so a person and a test find the same leaf.
 */
export function tree(value, note = () => null, pointer = '') {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
    return h('ul', {class: 'tree'}, Object.keys(value).sort().map((key) => {
      const child = value[key];
      const path = `${pointer}/${pointerPart(key)}`;
      if (child !== null && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length) {
        return h('li', {'data-path': path}, h('span', {class: 'key'}, key), tree(child, note, path));
      }
      return leaf(key, child, note(path), path);
    }));
  }
  return h('ul', {class: 'tree'}, leaf('(value)', value, note(pointer), pointer || '/'));
}

function leaf(key, value, noteText, path) {
  return h('li', {class: 'leaf', 'data-path': path},
      h('span', {class: 'key'}, key), ': ',
      h('span', {class: 'value'}, JSON.stringify(value)),
      noteText ? h('span', {class: 'source'}, noteText) : null);
}
