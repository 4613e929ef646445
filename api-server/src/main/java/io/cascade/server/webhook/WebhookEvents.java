package io.cascade.server.webhook;

import io.cascade.server.error.CascadeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event names a webhook may subscribe to, and how a subscription's filter matches them. A
 * filter entry is an event name, a family with {@code .*} ({@code change.*}), or {@code *}; no
 * filter means every event. All static.
 */
public final class WebhookEvents {

    private WebhookEvents() {}

    public static final String REVISION_COMMITTED = "revision.committed";

    /** Every event name, by family. The change and rollout families are sent once those features emit them. */
    static final List<String> NAMES = List.of(
            REVISION_COMMITTED,
            "change.proposed",
            "change.revised",
            "change.approved",
            "change.rejected",
            "change.applied",
            "rollout.started",
            "rollout.advanced",
            "rollout.paused",
            "rollout.resumed",
            "rollout.aborted",
            "rollout.completed");

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
