package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade keys}: API keys. */
@Command(name = "keys", description = "API keys: create, list, revoke. Secrets are shown once, at creation.")
final class KeyCommand extends CommandSupport {

    private static final List<String> ROLES = List.of("VIEWER", "EDITOR", "APPROVER", "ADMIN", "SDK");
    private static final String KEY_FIELDS =
            "id namespace role environment description platformAdmin createdAt createdBy revokedAt";
    private static final String CREATE = "mutation($namespace: String, $role: Role!, $environment: String,"
            + " $description: String) { createApiKey(namespace: $namespace, role: $role, environment: $environment,"
            + " description: $description) { id secret key { " + KEY_FIELDS + " } } }";
    private static final String LIST =
            "query($namespace: String) { apiKeys(namespace: $namespace) { " + KEY_FIELDS + " } }";
    private static final String REVOKE =
            "mutation($id: ID!, $message: String) { revokeApiKey(id: $id, message: $message) { " + KEY_FIELDS + " } }";

    @Command(
            name = "create",
            description = {
                "Create an API key and print its secret, once.",
                "Without --namespace (platform admins only) it is a platform admin key. SDK keys need --environment."
            })
    int create(
            @Option(names = "--namespace", paramLabel = "NS") String namespace,
            @Option(
                            names = "--role",
                            required = true,
                            paramLabel = "ROLE",
                            description = "viewer, editor, approver, admin or sdk.")
                    String role,
            @Option(
                            names = "--environment",
                            paramLabel = "ENV",
                            description = "For SDK keys: the one environment it reads.")
                    String environment,
            @Option(names = "--description", paramLabel = "TEXT", description = "Who or what uses it.")
                    String description) {
        return run(() -> {
            String upper = role.strip().toUpperCase(Locale.ROOT);
            if (!ROLES.contains(upper)) {
                throw CliException.usage(
                        "bad role '" + role + "': expected one of viewer, editor, approver, admin, sdk");
            }
            JsonNode created = api().execute(
                            CREATE,
                            "namespace",
                            namespace,
                            "role",
                            upper,
                            "environment",
                            environment,
                            "description",
                            description)
                    .path("createApiKey");
            if (json()) {
                printJson(created);
                return ExitStatus.OK.code();
            }
            out().println("Created key " + created.path("id").asString() + " (" + scope(created.path("key")) + ").");
            out().println();
            out().println("Secret (shown once; store it now, it cannot be shown again):");
            out().println();
            out().println("    " + created.path("secret").asString());
            out().println();
            out().println("Use it with: Authorization: Bearer <secret>, or cascade login --key <secret>");
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "list", description = "List keys (never their secrets).")
    int list(
            @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace's keys.")
                    String namespace) {
        return run(() -> {
            JsonNode keys = api().execute(LIST, "namespace", namespace).path("apiKeys");
            if (json()) {
                printJson(keys);
                return ExitStatus.OK.code();
            }
            Table table = Table.of("ID", "ACCESS", "DESCRIPTION", "CREATED", "CREATED BY", "REVOKED");
            for (JsonNode key : keys) {
                table.row(
                        Json.cell(key.get("id")),
                        scope(key),
                        Json.cell(key.get("description")),
                        Json.cell(key.get("createdAt")),
                        Json.cell(key.get("createdBy")),
                        Json.cell(key.get("revokedAt")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "revoke", description = "Revoke a key; it stops working at once.")
    int revoke(@Parameters(paramLabel = "ID") String id, @Mixin MessageOption message) {
        return run(() -> {
            JsonNode key =
                    api().execute(REVOKE, "id", id, "message", message.message).path("revokeApiKey");
            if (json()) {
                printJson(key);
            } else {
                out().println("Revoked key " + key.path("id").asString() + " (" + scope(key) + ").");
            }
            return ExitStatus.OK.code();
        });
    }

    private static String scope(JsonNode key) {
        if (key.path("platformAdmin").asBoolean(false)) {
            return "platform admin";
        }
        String scope = Json.cell(key.get("role")) + " on " + Json.cell(key.get("namespace"));
        JsonNode environment = key.get("environment");
        return environment != null && environment.isString() ? scope + "/" + environment.asString() : scope;
    }
}
