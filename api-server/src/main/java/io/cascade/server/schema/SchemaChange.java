package io.cascade.server.schema;

import java.util.Objects;

/**
 * One structural difference between two schema versions, at a JSON Pointer into the config ({@code
 * /*} stands for every array item or every additional property).
 */
public record SchemaChange(String path, Kind kind, String message) {

    public SchemaChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public boolean breaking() {
        return kind.breaking;
    }

    /** What changed, and whether configs valid before may fail now. */
    public enum Kind {
        PROPERTY_ADDED(false),
        REQUIRED_PROPERTY_ADDED(true),
        PROPERTY_REMOVED(true),
        TYPE_NARROWED(true),
        TYPE_WIDENED(false),
        ENUM_NARROWED(true),
        ENUM_WIDENED(false),
        REQUIRED_ADDED(true),
        REQUIRED_REMOVED(false),
        CONSTRAINT_TIGHTENED(true),
        CONSTRAINT_LOOSENED(false),
        ADDITIONAL_PROPERTIES_FORBIDDEN(true),
        ADDITIONAL_PROPERTIES_ALLOWED(false),
        OVERRIDE_NARROWED(true),
        OVERRIDE_WIDENED(false);

        private final boolean breaking;

        Kind(boolean breaking) {
            this.breaking = breaking;
        }

        public boolean isBreaking() {
            return breaking;
        }
    }
}
