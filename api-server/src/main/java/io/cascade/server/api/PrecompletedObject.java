package io.cascade.server.api;

/**
 * An object of the GraphQL schema whose fields are plain values already in their output form
 * (strings, booleans, numbers, JSON values): {@link PrecompletedObjectsStrategy} writes them into the
 * answer directly instead of fetching and completing each field.
 */
interface PrecompletedObject {

    /** Returned by {@link #fieldValue} for a field the object does not precomplete. */
    Object NOT_PRECOMPLETED = new Object();

    /** The value of field {@code name} as the answer carries it (null allowed), or {@link #NOT_PRECOMPLETED}. */
    Object fieldValue(String name);
}
