package io.cascade.server.api;

import io.cascade.server.auth.ApiKey;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The shapes the GraphQL schema answers with, where the domain types do not fit as they are. */
final class Views {

    private Views() {}

    record ResolvedConfig(
            String namespace,
            int revision,
            Map<String, String> scope,
            Map<String, Object> config,
            List<LeafSource> sources) {}

    record LeafSource(String path, Map<String, String> selector) implements PrecompletedObject {
        @Override
        public Object fieldValue(String name) {
            switch (name) {
                case "path":
                    return path;
                case "selector":
                    return selector;
                default:
                    return NOT_PRECOMPLETED;
            }
        }
    }

    record Namespace(String name, List<String> dimensions, int revision, Instant createdAt) {}

    record Layer(Map<String, String> selector, Map<String, Object> content, int revision) {}

    record SchemaVersion(int version, int revision, Map<String, Object> schema, String author, Instant registeredAt) {}

    record SchemaChange(String path, String kind, boolean breaking, String message) {}

    record Revision(int revision, String author, String message, Instant committedAt, List<ChangeSummary> changes) {}

    record ChangeSummary(String kind, String action, Object target) {}

    record PageInfo(boolean hasNextPage, String endCursor) {}

    record Edge<T>(String cursor, T node) {}

    record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {}

    record CreatedKey(String id, String secret, ApiKey key) {}

    record ValidationReport(boolean valid, List<Violation> violations) {}

    /** Opaque cursors: base64 of {@code kind:value}. */
    static String cursor(String kind, String value) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String kind, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return text.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw CascadeException.badInput("cursor '" + cursor + "' is not a cursor of this list");
    }

    static int pageSize(Integer first) {
        if (first == null) {
            return 20;
        }
        if (first < 0 || first > 100) {
            throw CascadeException.badInput("first must be between 0 and 100, was " + first);
        }
        return first;
    }
}
