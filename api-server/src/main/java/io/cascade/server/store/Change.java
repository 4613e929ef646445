package io.cascade.server.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One change inside a revision. Content is plain JSON (maps, lists, scalars). */
public sealed interface Change {

    /** The first change of revision 1. */
    record NamespaceCreated(List<String> dimensions) implements Change {
        public NamespaceCreated {
            dimensions = List.copyOf(dimensions);
        }

        @Override
        public String kind() {
            return "namespace";
        }

        @Override
        public String action() {
            return "create";
        }
    }

    /** A layer's whole content set (a PUT). {@code selector} holds one value or {@code *} per dimension. */
    record LayerPut(List<String> selector, Map<String, Object> content) implements Change {
        public LayerPut {
            selector = List.copyOf(selector);
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String kind() {
            return "layer";
        }

        @Override
        public String action() {
            return "put";
        }
    }

    record LayerDeleted(List<String> selector) implements Change {
        public LayerDeleted {
            selector = List.copyOf(selector);
        }

        @Override
        public String kind() {
            return "layer";
        }

        @Override
        public String action() {
            return "delete";
        }
    }

    record SchemaRegistered(int version, Map<String, Object> schema) implements Change {
        public SchemaRegistered {
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public String kind() {
            return "schema";
        }

        @Override
        public String action() {
            return "register";
        }
    }

    /** A flag document set whole: created, changed or archived. */
    record FlagPut(String key, Map<String, Object> document) implements Change {
        public FlagPut {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(document, "document");
        }

        @Override
        public String kind() {
            return "flag";
        }

        @Override
        public String action() {
            return "put";
        }
    }

    /** A flag removed; only a restore to a revision before the flag existed does this. */
    record FlagDeleted(String key) implements Change {
        public FlagDeleted {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String kind() {
            return "flag";
        }

        @Override
        public String action() {
            return "delete";
        }
    }

    record SegmentPut(String key, Map<String, Object> document) implements Change {
        public SegmentPut {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(document, "document");
        }

        @Override
        public String kind() {
            return "segment";
        }

        @Override
        public String action() {
            return "put";
        }
    }

    record SegmentDeleted(String key) implements Change {
        public SegmentDeleted {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String kind() {
            return "segment";
        }

        @Override
        public String action() {
            return "delete";
        }
    }

    /**
     * The namespace's declared context attributes (path to type: string, number, boolean, list,
     * datetime) that flag rules are checked against; empty means undeclared.
     */
    record AttributesDeclared(Map<String, String> attributes) implements Change {
        public AttributesDeclared {
            attributes = Map.copyOf(attributes);
        }

        @Override
        public String kind() {
            return "attributes";
        }

        @Override
        public String action() {
            return "put";
        }
    }

    /** What it changed: {@code namespace}, {@code layer}, {@code schema}, {@code attributes}, {@code flag} or {@code segment}. */
    String kind();

    /** {@code create}, {@code put}, {@code delete} or {@code register}. */
    String action();
}
