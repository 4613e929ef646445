package io.cascade.cli;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.error.Violation;
import io.cascade.cli.http.GraphQlClient;
import io.cascade.cli.text.Json;
import io.cascade.cli.text.Selectors;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * What every command shares: the one place failures become {@code error: CODE: message} on
 * standard error and an exit code, access to the client and the output format, and how commits,
 * violations and selectors print.
 */
abstract class CommandSupport implements Callable<Integer> {

    static final String COMMIT_FIELDS = "namespace revision author message committedAt";
    static final String VIOLATION_FIELDS = "scope layer path message rule";

    @Spec
    CommandSpec spec;

    /** A group without a subcommand prints its usage and fails as a usage error. */
    @Override
    public Integer call() {
        err().println("error: USAGE: '" + spec.qualifiedName() + "' needs a subcommand");
        err().println();
        spec.commandLine().usage(err());
        return ExitStatus.USAGE.code();
    }

    /** Runs {@code body}, turning any failure into a message on standard error and an exit code. */
    final int run(Body body) {
        try {
            return body.run();
        } catch (CliException e) {
            report(e);
            return e.status().code();
        } catch (RuntimeException e) {
            err().println("error: INTERNAL: " + e);
            if (root().debug()) {
                e.printStackTrace(err());
            }
            return ExitStatus.SERVER_ERROR.code();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** A command's work; returns the exit code. */
    @FunctionalInterface
    interface Body {
        int run();
    }

    final Cascade root() {
        return (Cascade) spec.root().userObject();
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final boolean json() {
        return root().json();
    }

    final GraphQlClient api() {
        return root().client();
    }

    final void printJson(JsonNode node) {
        out().println(Json.pretty(node));
    }

    /** Prints a commit: JSON, or one line for people. */
    final int printCommit(JsonNode commit, String what) {
        if (json()) {
            printJson(commit);
        } else {
            out().println(what + ": committed revision "
                    + commit.path("revision").asInt() + " of "
                    + commit.path("namespace").asString() + ".");
        }
        return ExitStatus.OK.code();
    }

    /**
     * The selector or scope {@code text} as the namespace's dimensions name it: a dimension the
     * defaults lack is matched against the namespace's own by unique prefix ({@code env} for
     * {@code environment}), which costs one request.
     */
    final Map<String, String> dimensions(String namespace, String text, String what) {
        Map<String, String> parsed = Selectors.parse(text, what);
        if (!Selectors.needsDimensions(parsed)) {
            return parsed;
        }
        JsonNode ns =
                api().execute("query($name: String!) { namespace(name: $name) { dimensions } }", "name", namespace);
        List<String> names = new ArrayList<>();
        for (JsonNode dimension : ns.path("namespace").path("dimensions")) {
            names.add(dimension.asString());
        }
        return Selectors.expand(parsed, names);
    }

    private void report(CliException e) {
        PrintWriter err = err();
        err.println("error: " + e.code() + ": " + e.getMessage());
        violationLines(e.violations()).forEach(err::println);
        if (root().debug() && e.getCause() != null) {
            e.printStackTrace(err);
        }
    }

    /**
     * One line per violation; violations that differ only in their scope share one line, {@code
     * in 2 scopes: environment=prod; environment=staging layer (*,*,*) /name: message}.
     */
    static List<String> violationLines(List<Violation> violations) {
        Map<String, List<Violation>> groups = new java.util.LinkedHashMap<>();
        for (Violation violation : violations) {
            String key = violation.layerIfAny().map(CommandSupport::tuple).orElse("") + "\u0000" + violation.path()
                    + "\u0000" + violation.message() + "\u0000"
                    + violation.ruleIfAny().orElse("");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(violation);
        }
        List<String> lines = new ArrayList<>();
        for (List<Violation> group : groups.values()) {
            if (group.size() == 1) {
                lines.add(violationLine(group.get(0)));
                continue;
            }
            List<String> scopes = new ArrayList<>();
            group.forEach(v -> scopes.add(v.scope().isEmpty() ? "*" : Selectors.pairs(v.scope())));
            String first = violationLine(group.get(0));
            String scope = "  scope " + scopes.get(0);
            lines.add(
                    "  in " + group.size() + " scopes: " + String.join("; ", scopes) + first.substring(scope.length()));
        }
        return lines;
    }

    /** {@code   scope environment=prod,tenant=acme layer (prod,*,acme) /pool/size: message [rule]}. */
    static String violationLine(Violation violation) {
        StringBuilder line = new StringBuilder("  scope ");
        line.append(violation.scope().isEmpty() ? "*" : Selectors.pairs(violation.scope()));
        violation.layerIfAny().ifPresent(layer -> line.append(" layer ").append(tuple(layer)));
        line.append(' ')
                .append(violation.path().isEmpty() ? "/" : violation.path())
                .append(": ")
                .append(violation.message());
        violation.ruleIfAny().ifPresent(rule -> line.append(" [").append(rule).append(']'));
        return line.toString();
    }

    /** {@code (prod,*,acme)} for a selector the server sent with every dimension. */
    static String tuple(Map<String, String> selector) {
        return selector.isEmpty() ? "(*)" : "(" + String.join(",", selector.values()) + ")";
    }

    /** The violations of a validation report, as a {@link CliException} that exits 1. */
    static CliException invalid(String code, String message, JsonNode violations) {
        List<Violation> list = new ArrayList<>();
        for (JsonNode violation : violations) {
            list.add(GraphQlClient.violation(violation));
        }
        return new CliException(ExitStatus.INVALID, code, message, list, null);
    }
}
