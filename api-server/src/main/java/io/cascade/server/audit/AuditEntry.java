package io.cascade.server.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One link of a namespace's chain. {@code target}, {@code before} and {@code after} are JSON text
 * (or null), exactly as hashed. {@code hash} is SHA-256 over {@link #canonical()}, which includes
 * the previous entry's hash.
 */
public record AuditEntry(
        String namespace,
        int sequence,
        String action,
        String actorKeyId,
        String actor,
        Instant at,
        Integer revision,
        String requestId,
        String target,
        String before,
        String after,
        String message,
        String previousHash,
        String hash) {

    public AuditEntry {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(previousHash, "previousHash");
    }

    /** The hash of the first entry's predecessor. */
    public static final String GENESIS = "0".repeat(64);

    /** What the hash covers, in a fixed order, as one string. */
    public String canonical() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("namespace", namespace);
        fields.put("sequence", sequence);
        fields.put("action", action);
        fields.put("actorKeyId", actorKeyId);
        fields.put("actor", actor);
        fields.put("at", at.toString());
        fields.put("revision", revision);
        fields.put("requestId", requestId);
        fields.put("target", target);
        fields.put("before", before);
        fields.put("after", after);
        fields.put("message", message);
        fields.put("previousHash", previousHash);
        StringBuilder out = new StringBuilder();
        fields.forEach((key, value) -> {
            out.append(key).append('=');
            if (value == null) {
                out.append("null");
            } else if (value instanceof Integer number) {
                out.append(number);
            } else {
                quote(String.valueOf(value), out);
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** This entry with its hash filled in. */
    public AuditEntry sealed(String hashValue) {
        return new AuditEntry(
                namespace,
                sequence,
                action,
                actorKeyId,
                actor,
                at,
                revision,
                requestId,
                target,
                before,
                after,
                message,
                previousHash,
                hashValue);
    }

    /** A JSON string literal, escaped as Python's {@code json.dumps(text, ensure_ascii=False)} does. */
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
