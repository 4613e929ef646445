package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import io.cascade.cli.text.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code cascade audit}: the hash-chained audit trail. */
@Command(
        name = "audit",
        description = "The audit trail of a namespace (\"_platform\" for the platform's own): list, verify.")
final class AuditCommand extends CommandSupport {

    private static final String LOG = "query($namespace: String!, $first: Int, $after: String, $actor: String,"
            + " $action: String, $since: DateTime, $until: DateTime) { auditLog(namespace: $namespace, first: $first,"
            + " after: $after, actor: $actor, action: $action, since: $since, until: $until) { edges { node {"
            + " sequence action actor actorKeyId at revision requestId target before after message hash previousHash } }"
            + " pageInfo { hasNextPage endCursor } } }";
    private static final String VERIFY = "query($namespace: String!) { verifyAudit(namespace: $namespace) {"
            + " namespace valid entries brokenAt reason headHash } }";

    @Command(name = "list", description = "List audit entries, newest first.")
    int list(
            @Parameters(paramLabel = "NS") String namespace,
            @Option(names = "--actor", paramLabel = "A", description = "Only entries by this actor.") String actor,
            @Option(names = "--action", paramLabel = "X", description = "Only this action, e.g. layer.put.")
                    String action,
            @Option(
                            names = "--since",
                            paramLabel = "ISO",
                            description = "From this time (2026-01-31 or 2026-01-31T12:00:00Z).")
                    String since,
            @Option(names = "--until", paramLabel = "ISO", description = "Up to this time.") String until,
            @Option(
                            names = "--limit",
                            paramLabel = "N",
                            defaultValue = "50",
                            description = "At most N entries (default 50).")
                    int limit) {
        return run(() -> {
            if (limit < 1) {
                throw CliException.usage("--limit must be at least 1");
            }
            String from = instant("--since", since);
            String to = instant("--until", until);
            ArrayNode entries = Json.MAPPER.createArrayNode();
            String after = null;
            do {
                JsonNode page = api().execute(
                                LOG,
                                "namespace",
                                namespace,
                                "first",
                                Math.min(100, limit - entries.size()),
                                "after",
                                after,
                                "actor",
                                actor,
                                "action",
                                action,
                                "since",
                                from,
                                "until",
                                to)
                        .path("auditLog");
                for (JsonNode edge : page.path("edges")) {
                    entries.add(edge.path("node"));
                }
                boolean more = page.path("pageInfo").path("hasNextPage").asBoolean(false)
                        && !page.path("edges").isEmpty();
                after = more ? page.path("pageInfo").path("endCursor").asString() : null;
            } while (after != null && entries.size() < limit);
            if (json()) {
                printJson(entries);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("SEQ", "AT", "ACTOR", "ACTION", "REVISION", "TARGET", "MESSAGE");
            for (JsonNode entry : entries) {
                table.row(
                        entry.path("sequence").asInt(),
                        Json.cell(entry.get("at")),
                        Json.cell(entry.get("actor")),
                        Json.cell(entry.get("action")),
                        Json.cell(entry.get("revision")),
                        target(entry.get("target")),
                        Json.cell(entry.get("message")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(
            name = "verify",
            description = "Walk the namespace's hash chain; exit 1 if it is broken, naming the first broken entry.")
    int verify(@Parameters(paramLabel = "NS") String namespace) {
        return run(() -> {
            JsonNode verification =
                    api().execute(VERIFY, "namespace", namespace).path("verifyAudit");
            if (json()) {
                printJson(verification);
            }
            int entries = verification.path("entries").asInt();
            if (!verification.path("valid").asBoolean(false)) {
                throw CliException.of(
                        ExitStatus.INVALID,
                        "AUDIT_BROKEN",
                        "the audit chain of " + namespace
                                + " is broken at sequence " + Json.cell(verification.get("brokenAt")) + ": "
                                + Json.cell(verification.get("reason")) + " (" + entries + " entries checked)");
            }
            if (!json()) {
                out().println("The audit chain of " + namespace + " verifies: " + entries + " entries, unbroken.");
                out().println("Head hash: " + verification.path("headHash").asString("-")
                        + " (keep it outside the store: a later verify must reach it again)");
            }
            return ExitStatus.OK.code();
        });
    }

    /**
     * A selector as {@code (prod,*,*)}, other members as {@code name=value}; the targets of a
     * revision with several changes (a restore, a change request) each so, joined by commas.
     */
    static String target(JsonNode target) {
        if (target != null && target.isArray()) {
            List<String> each = new ArrayList<>();
            target.forEach(one -> each.add(target(one)));
            return each.size() + " changes: " + String.join(", ", each);
        }
        if (target == null || !target.isObject()) {
            return Json.cell(target);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : target.properties()) {
            parts.add(
                    member.getKey().equals("selector") && member.getValue().isObject()
                            ? Selectors.tuple(member.getValue())
                            : member.getKey() + "=" + Json.cell(member.getValue()));
        }
        return String.join(" ", parts);
    }

    /** An ISO-8601 instant for the API; a bare date means its start, in UTC. */
    static String instant(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().toString();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.strip())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toString();
            } catch (DateTimeParseException notDate) {
                throw CliException.usage("bad " + option + " '" + text + "': expected an ISO-8601 date or date-time,"
                        + " e.g. 2026-01-31 or 2026-01-31T12:00:00Z");
            }
        }
    }
}
