/**
 * Feature flags and segments in the API: writing their documents as namespace revisions,
 * evaluating them for a context with the same engine hosts run, and checking rules for editors.
 */
package io.cascade.server.flag;
