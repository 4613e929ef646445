package io.cascade.server.namespace;

import io.cascade.server.store.RevisionRecord;

/**
 * Told about every revision this process commits, after it is stored and applied. Called on the
 * committing thread while the namespace is locked: return quickly and never throw.
 */
@FunctionalInterface
public interface CommitListener {

    void committed(RevisionRecord record, NamespaceState state);
}
