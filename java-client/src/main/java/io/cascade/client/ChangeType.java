package io.cascade.client;

/** How a config leaf or a flag changed from one revision to the next. */
public enum ChangeType {
    ADDED,
    MODIFIED,
    DELETED
}
