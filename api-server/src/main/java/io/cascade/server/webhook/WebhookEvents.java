package io.cascade.server.webhook;

import io.cascade.server.error.CascadeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event names a webhook may subscribe to, and how a subscription's filter matches them. A
 * filter entry is an event name, a family with {@code .*} ({@code change.*}), or {@code *}; no
 * filter means every event. All static.
 */
public final class WebhookEvents {

    private WebhookEvents() {}

    public static final String REVISION_COMMITTED = "revision.committed";

    /**
     * The audit actions that are webhook events, and the event each becomes: the one table from
     * audit trail to webhook. An audit action not in it (a revision's {@code layer.put}, {@code
     * webhook.create}, ...) sends nothing of its own.
     */
    static final Map<String, String> EVENTS_BY_AUDIT_ACTION = eventsByAuditAction();

    /** Every event name, by family. */
    static final List<String> NAMES = names();

    private static Map<String, String> eventsByAuditAction() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("change.propose", "change.proposed");
        table.put("change.revise", "change.revised");
        table.put("change.approve", "change.approved");
        table.put("change.reject", "change.rejected");
        table.put("change.apply", "change.applied");
        table.put("rollout.start", "rollout.started");
        table.put("rollout.advance", "rollout.advanced");
        table.put("rollout.pause", "rollout.paused");
        table.put("rollout.resume", "rollout.resumed");
        table.put("rollout.abort", "rollout.aborted");
        table.put("rollout.complete", "rollout.completed");
        return Collections.unmodifiableMap(table);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(REVISION_COMMITTED);
        names.addAll(EVENTS_BY_AUDIT_ACTION.values());
        return List.copyOf(names);
    }

    /** The webhook event an audit entry with this action becomes, if any. */
    static Optional<String> forAuditAction(String action) {
        return Optional.ofNullable(EVENTS_BY_AUDIT_ACTION.get(action));
    }

    static final int MAX_FILTERS = 32;

    /** The filter as stored: checked, without duplicates, {@code ["*"]} when none was given. */
    public static List<String> filter(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of("*");
        }
        if (requested.size() > MAX_FILTERS) {
            throw CascadeException.badInput("a webhook subscribes to at most " + MAX_FILTERS + " event filters");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String entry : requested) {
            String name = entry == null ? "" : entry.strip();
            if (!known(name)) {
                throw CascadeException.badInput("unknown webhook event '" + shorten(name) + "': expected one of "
                        + String.join(", ", NAMES) + ", a family such as change.*, or *");
            }
            out.add(name);
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static boolean known(String name) {
        if (name.equals("*") || NAMES.contains(name)) {
            return true;
        }
        if (!name.endsWith(".*")) {
            return false;
        }
        String family = name.substring(0, name.length() - 1);
        return NAMES.stream().anyMatch(event -> event.startsWith(family));
    }

    /** Whether {@code event} passes {@code filter}. */
    public static boolean matches(List<String> filter, String event) {
        for (String entry : filter) {
            if (entry.equals("*") || entry.equals(event)) {
                return true;
            }
            if (entry.endsWith(".*") && event.startsWith(entry.substring(0, entry.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
