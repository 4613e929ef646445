/**
 * The tamper-evident audit trail: every change, approval and key operation appended to its
 * namespace's hash chain, queried with filters, and verified link by link.
 */
package io.cascade.server.audit;
