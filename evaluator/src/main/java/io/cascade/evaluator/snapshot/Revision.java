package io.cascade.evaluator.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a snapshot needs of a committed revision: its number, when and by whom, and its changes. */
public record Revision(int number, Instant committedAt, String author, List<Change> changes) {

    public Revision {
        if (number < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + number);
        }
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(author, "author");
        changes = List.copyOf(changes);
    }
}
