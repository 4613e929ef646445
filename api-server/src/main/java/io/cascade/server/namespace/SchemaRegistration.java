package io.cascade.server.namespace;

import io.cascade.server.error.Violation;
import io.cascade.server.schema.SchemaChange;
import java.util.List;

/** The outcome of registering (or dry-running) a schema version. */
public record SchemaRegistration(
        String namespace,
        int version,
        boolean committed,
        Integer revision,
        List<Violation> violations,
        List<SchemaChange> changes) {

    public SchemaRegistration {
        violations = List.copyOf(violations);
        changes = List.copyOf(changes);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    public boolean breaking() {
        return changes.stream().anyMatch(SchemaChange::breaking);
    }
}
