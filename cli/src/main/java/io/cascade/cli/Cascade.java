package io.cascade.cli;

import io.cascade.cli.config.ConfigStore;
import io.cascade.cli.config.Login;
import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.http.Connection;
import io.cascade.cli.http.GraphQlClient;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code cascade} command: the operator CLI of Cascade. Run it with {@link #main}, or
 * in-process with {@code new CommandLine(new Cascade(environment, stdin)).execute(args)}, which
 * returns the exit code (see {@link ExitStatus}) and never throws.
 */
@Command(
        name = "cascade",
        scope = ScopeType.INHERIT,
        versionProvider = Cascade.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Operate Cascade: namespaces, schemas, config layers, flags, segments, keys, audit and webhooks.",
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            NamespaceCommand.class,
            SchemaCommand.class,
            LayerCommand.class,
            ResolveCommand.class,
            HistoryCommand.class,
            DiffCommand.class,
            RestoreCommand.class,
            ValidateCommand.class,
            FlagCommand.class,
            SegmentCommand.class,
            AttributesCommand.class,
            RuleCommand.class,
            KeyCommand.class,
            AuditCommand.class,
            WebhookCommand.class,
            PolicyCommand.class,
            ChangesCommand.class,
            ExportCommand.class,
            ApplyCommand.class,
            HelpCommand.class,
            RolloutCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:invalid: validation failed, illegal override, DSL error, invalid dry run, broken audit chain, rollout aborted",
            "2:usage: bad arguments or input file, BAD_USER_INPUT, LIMIT_EXCEEDED",
            "3:conflict: expected revision did not match, or the name is taken",
            "4:auth: no key, UNAUTHENTICATED, FORBIDDEN",
            "5:server unreachable: connection refused, unknown host, timeout",
            "6:not found",
            "7:other server error",
            "8:approval required: the change touches a protected environment and lacks approvals",
            "9:rejected: the change request was rejected (apply --wait)"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  CASCADE_ENDPOINT  server URL (overrides the stored login; --endpoint overrides it)",
            "  CASCADE_API_KEY   API key (overrides the stored login; --key overrides it)",
            "  CASCADE_CONFIG    the login file; default $XDG_CONFIG_HOME/cascade/config.json",
            "                    or ~/.config/cascade/config.json"
        })
public final class Cascade implements Callable<Integer> {

    /** Where the CLI looks when neither the options, the environment nor a login name a server. */
    public static final String DEFAULT_ENDPOINT = "http://localhost:8080";

    @Option(
            names = "--endpoint",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Server URL, e.g. http://localhost:8080 (default: $CASCADE_ENDPOINT, then the stored login).")
    String endpoint;

    @Option(
            names = "--key",
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            description = "API key (default: $CASCADE_API_KEY, then the stored login).")
    String key;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            defaultValue = "table",
            description = "table (for people, the default) or json (for scripts).")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean debug;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description = "Print version information and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final InputStream stdin;

    /** The CLI as a process runs it: the real environment and standard input. */
    public Cascade() {
        this(System.getenv(), System.in);
    }

    /**
     * The CLI with the given environment variables ({@code CASCADE_ENDPOINT}, {@code
     * CASCADE_API_KEY}, {@code CASCADE_CONFIG}, {@code XDG_CONFIG_HOME}, {@code HOME}) and
     * standard input (read for a {@code -} file argument).
     */
    public Cascade(Map<String, String> environment, InputStream stdin) {
        this.environment = Map.copyOf(environment);
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cascade()).execute(args));
    }

    /** A bare {@code cascade}: says a command is missing, then shows the usage. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: USAGE: a command is missing (see 'cascade help COMMAND')");
        spec.commandLine().getErr().println();
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    InputStream stdin() {
        return stdin;
    }

    boolean json() {
        return output == OutputFormat.JSON;
    }

    boolean debug() {
        return debug;
    }

    ConfigStore configStore() {
        return ConfigStore.locate(environment);
    }

    /** The endpoint and key to use: options, then the environment, then the stored login. */
    Connection connection() {
        Optional<Login> stored = Optional.empty();
        String resolvedKey = firstOf(key, environment.get("CASCADE_API_KEY"));
        String resolvedEndpoint = firstOf(endpoint, environment.get("CASCADE_ENDPOINT"));
        if (resolvedKey == null || resolvedEndpoint == null) {
            stored = configStore().load();
        }
        if (resolvedKey == null) {
            resolvedKey = stored.map(Login::key)
                    .orElseThrow(
                            () -> CliException.of(
                                    ExitStatus.AUTH,
                                    "NOT_LOGGED_IN",
                                    "no API key: run 'cascade login --endpoint URL --key KEY', set CASCADE_API_KEY or pass --key"));
        }
        if (resolvedEndpoint == null) {
            resolvedEndpoint = stored.map(Login::endpoint).orElse(DEFAULT_ENDPOINT);
        }
        return new Connection(resolvedEndpoint, resolvedKey);
    }

    GraphQlClient client() {
        return new GraphQlClient(connection());
    }

    private static String firstOf(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cascade.class.getPackage().getImplementationVersion();
            return new String[] {"cascade " + (version == null ? "(development build)" : version)};
        }
    }
}
