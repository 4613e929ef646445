/**
 * Snapshots and revisions as JSON: the one translation between the engine's model and the text the
 * store, the gateway and the client exchange. Thread-safe; parameters and returns are never null.
 */
package io.cascade.json;
