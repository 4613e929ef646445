package io.cascade.server.rollout;

import io.cascade.server.error.CascadeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place an Alertmanager webhook payload (version 4) becomes alerts: each with its status,
 * labels and start. Anything malformed is {@code BAD_USER_INPUT}; fields we do not use are ignored.
 */
final class AlertPayload {

    static final int MAX_ALERTS = 1000;
    static final int MAX_LABELS = 100;

    /** One alert of the payload. */
    record Alert(boolean firing, Map<String, String> labels, Instant startsAt) {
        String name() {
            return labels.getOrDefault("alertname", "(unnamed)");
        }
    }

    private AlertPayload() {}

    static List<Alert> parse(Object json) {
        if (!(json instanceof Map<?, ?> payload)) {
            throw CascadeException.badInput("an Alertmanager payload is a JSON object");
        }
        Object version = payload.get("version");
        if (version != null && !"4".equals(String.valueOf(version))) {
            throw CascadeException.badInput("Alertmanager payload version 4 is understood, not " + version);
        }
        if (!(payload.get("alerts") instanceof List<?> alerts)) {
            throw CascadeException.badInput("the payload needs an alerts list");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw CascadeException.limit("alerts", MAX_ALERTS, "the payload has " + alerts.size() + " alerts");
        }
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (!(alerts.get(i) instanceof Map<?, ?> alert)) {
                throw CascadeException.badInput("alerts[" + i + "] is not an object");
            }
            Object status = alert.get("status") == null ? payload.get("status") : alert.get("status");
            if (!"firing".equals(status) && !"resolved".equals(status)) {
                throw CascadeException.badInput("alerts[" + i + "].status must be firing or resolved");
            }
            out.add(new Alert(
                    "firing".equals(status), labels(i, alert.get("labels")), startsAt(alert.get("startsAt"))));
        }
        return out;
    }

    private static Map<String, String> labels(int i, Object json) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof Map<?, ?> labels) || labels.size() > MAX_LABELS) {
            throw CascadeException.badInput(
                    "alerts[" + i + "].labels must be an object of at most " + MAX_LABELS + " labels");
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (!(value instanceof String text)) {
                throw CascadeException.badInput("alerts[" + i + "].labels." + key + " must be a string");
            }
            out.put(String.valueOf(key), text);
        });
        return out;
    }

    private static Instant startsAt(Object json) {
        if (!(json instanceof String text)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
