package io.cascade.cli;

import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.http.Connection;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.util.List;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code cascade whoami}: the key in use and what it may do. */
@Command(name = "whoami", description = "Show which key the CLI uses, and its role.")
final class WhoamiCommand extends CommandSupport {

    @Override
    public Integer call() {
        return run(() -> {
            Connection connection = root().connection();
            JsonNode principal = api().execute(LoginCommand.WHOAMI).path("whoami");
            if (json()) {
                printJson(principal);
                return ExitStatus.OK.code();
            }
            out().print(Table.properties(List.of(
                    new String[] {"endpoint", connection.endpoint()},
                    new String[] {"key", Json.cell(principal.get("keyId"))},
                    new String[] {"description", Json.cell(principal.get("description"))},
                    new String[] {"access", access(principal)})));
            return ExitStatus.OK.code();
        });
    }

    /** {@code ci-bot (EDITOR on checkout)}, {@code admin (platform admin)}. */
    static String describe(JsonNode principal) {
        JsonNode description = principal.get("description");
        String name = description != null
                        && description.isString()
                        && !description.asString().isBlank()
                ? description.asString()
                : "key " + Json.cell(principal.get("keyId"));
        return name + " (" + access(principal) + ")";
    }

    static String access(JsonNode principal) {
        if (principal.path("platformAdmin").asBoolean(false)) {
            return "platform admin";
        }
        String access = Json.cell(principal.get("role")) + " on " + Json.cell(principal.get("namespace"));
        JsonNode environment = principal.get("environment");
        return environment != null && environment.isString()
                ? access + ", environment " + environment.asString()
                : access;
    }
}
