package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Table;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cascade policy}: which environments are protected and who approves their changes. */
@Command(
        name = "policy",
        aliases = "policies",
        description = "Environment policies: protected environments and their approvals (set, show).")
final class PolicyCommand extends CommandSupport {

    private static final String FIELDS =
            "environment requiredApprovals approverRole expiresAfterHours protected updatedAt updatedBy";
    private static final String SET = "mutation($namespace: String!, $environment: String!, $policy:"
            + " EnvironmentPolicyInput!) { putEnvironmentPolicy(namespace: $namespace, environment: $environment,"
            + " policy: $policy) { " + FIELDS + " } }";
    private static final String SHOW =
            "query($namespace: String!) { environmentPolicies(namespace: $namespace) { " + FIELDS + " } }";

    @Command(
            name = "set",
            description = {
                "Set an environment's policy (ADMIN). --approvals N >= 1 protects it: direct writes that touch it",
                "are refused (exit 8) and change requests need N approvals from others than their author."
            })
    int set(
            @Parameters(paramLabel = "NS") String namespace,
            @Parameters(paramLabel = "ENV") String environment,
            @Option(names = "--approvals", required = true, paramLabel = "N", description = "Approvals needed, 0-10.")
                    int approvals,
            @Option(
                            names = "--approver-role",
                            paramLabel = "ROLE",
                            description = "approver (the default) or admin: the least role whose approvals count.")
                    String approverRole,
            @Option(
                            names = "--expires-after-hours",
                            paramLabel = "H",
                            description =
                                    "Change requests touching ENV expire H hours after they are proposed or revised.")
                    Integer expiresAfterHours) {
        return run(() -> {
            Map<String, Object> policy = new java.util.LinkedHashMap<>();
            policy.put("requiredApprovals", approvals);
            if (approverRole != null) {
                String upper = approverRole.strip().toUpperCase(Locale.ROOT);
                if (!upper.equals("APPROVER") && !upper.equals("ADMIN")) {
                    throw CliException.usage("bad --approver-role '" + approverRole + "': expected approver or admin");
                }
                policy.put("approverRole", upper);
            }
            if (expiresAfterHours != null) {
                policy.put("expiresAfterHours", expiresAfterHours);
            }
            JsonNode set = api().execute(SET, "namespace", namespace, "environment", environment, "policy", policy)
                    .path("putEnvironmentPolicy");
            if (json()) {
                printJson(set);
            } else {
                out().println("Policy of " + environment + " in " + namespace + ": " + describe(set) + ".");
            }
            return ExitStatus.OK.code();
        });
    }

    @Command(name = "show", description = "Show the policies of a namespace's environments.")
    int show(@Parameters(paramLabel = "NS") String namespace) {
        return run(() -> {
            JsonNode policies = api().execute(SHOW, "namespace", namespace).path("environmentPolicies");
            if (json()) {
                printJson(policies);
                return ExitStatus.OK.code();
            }
            if (policies.isEmpty()) {
                out().println("No environment of " + namespace + " has a policy: every one is unprotected.");
                return ExitStatus.OK.code();
            }
            Table table = Table.of("ENVIRONMENT", "APPROVALS", "APPROVER ROLE", "EXPIRES AFTER", "UPDATED BY");
            for (JsonNode policy : policies) {
                JsonNode hours = policy.get("expiresAfterHours");
                table.row(
                        policy.path("environment").asString(),
                        policy.path("requiredApprovals").asInt(),
                        policy.path("approverRole").asString(),
                        hours == null || hours.isNull() ? "never" : hours.asInt() + "h",
                        Json.cell(policy.get("updatedBy")));
            }
            out().print(table.render());
            return ExitStatus.OK.code();
        });
    }

    private static String describe(JsonNode policy) {
        int approvals = policy.path("requiredApprovals").asInt();
        if (approvals == 0) {
            return "unprotected";
        }
        JsonNode hours = policy.get("expiresAfterHours");
        return "protected, " + approvals + " approval(s) from "
                + policy.path("approverRole").asString()
                + " or above"
                + (hours == null || hours.isNull() ? "" : ", change requests expire after " + hours.asInt() + "h");
    }
}
