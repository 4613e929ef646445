package io.cascade.evaluator.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change inside a revision. Content is plain JSON (maps, lists, scalars).
 *
 * <p>Code that handles changes does so through a {@link Visitor}, one method per kind, so a new kind
 * fails to compile wherever it is not handled.
 */
public sealed interface Change {

    /** What it changed: {@code namespace}, {@code layer}, {@code schema}, {@code attributes}, {@code flag} or {@code segment}. */
    String kind();

    /** {@code create}, {@code put}, {@code delete} or {@code register}. */
    String action();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of change. */
    interface Visitor<R> {
        R namespaceCreated(NamespaceCreated change);

        R layerPut(LayerPut change);

        R layerDeleted(LayerDeleted change);

        R schemaRegistered(SchemaRegistered change);

        R flagPut(FlagPut change);

        R flagDeleted(FlagDeleted change);

        R segmentPut(SegmentPut change);

        R segmentDeleted(SegmentDeleted change);

        R attributesDeclared(AttributesDeclared change);
    }

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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.namespaceCreated(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.layerPut(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.layerDeleted(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.schemaRegistered(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.flagPut(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.flagDeleted(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.segmentPut(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.segmentDeleted(this);
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

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.attributesDeclared(this);
        }
    }
}
