/**
 * Who is calling and what they may do: API keys (random, stored only as SHA-256 hashes, shown
 * once), roles per namespace, SDK keys bound to one environment, the platform admin, and the
 * checks every operation makes. Health is the only endpoint that needs no key.
 */
package io.cascade.server.auth;
