package io.cascade.client;

import io.cascade.client.internal.DiskCache;
import io.cascade.client.internal.GraphQlTransport;
import io.cascade.client.internal.Subscription;
import io.cascade.client.internal.TransportException;
import io.cascade.evaluator.flag.EnvironmentFlags;
import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.flag.EvaluationResult;
import io.cascade.evaluator.flag.FlagEvaluator;
import io.cascade.evaluator.flag.FlagSet;
import io.cascade.evaluator.snapshot.DeclaredAttributes;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cascade client a host embeds: it fetches the resolved config of the host's scope and the
 * flags of its environment, keeps them in memory and on disk, subscribes to changes, applies every
 * newer revision once, reports each to the server, and evaluates flags locally with the server's own
 * evaluator.
 *
 * <pre>{@code
 * CascadeClient client = CascadeClient.builder()
 *     .endpoints(List.of(URI.create("http://a:8080"), URI.create("http://b:8080")))
 *     .apiKey(key).namespace("checkout").scope(Map.of("environment", "prod", "site", "us-east-1"))
 *     .hostId("checkout-7f9c").cacheDirectory(Path.of("/var/cache/cascade"))
 *     .build();
 * client.start(Duration.ofSeconds(10));
 * PoolConfig pool = client.bind("/pool", PoolConfig.class);
 * boolean on = client.booleanFlag("new-checkout", context, false);
 * }</pre>
 *
 * <p>Reads ({@link #config()}, {@link #bind}, the flag methods) read one volatile snapshot and never
 * block, throw or touch the network. All network requests and applies happen on one worker thread,
 * so the client never has more than one request in flight; listeners run on one listener thread.
 * When the subscription is lost the client polls (with jitter), resubscribes with backoff, moving to
 * the next endpoint on each failure, and keeps serving what it holds. Thread-safe.
 */
public final class CascadeClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CascadeClient.class.getName());
    private static final FlagEvaluator EVALUATOR = FlagEvaluator.create();

    private static final String FETCH =
            "query($ns: String!, $scope: JSON!, $env: String!, $host: String, $flagScope: JSON) {"
                    + " resolveConfig(namespace: $ns, scope: $scope, hostId: $host) { revision config }"
                    + " flagSnapshot(namespace: $ns, environment: $env, hostId: $host, scope: $flagScope)"
                    + " { revision flags segments attributes } }";
    private static final String FETCH_CONFIG = "query($ns: String!, $scope: JSON!, $host: String) {"
            + " resolveConfig(namespace: $ns, scope: $scope, hostId: $host) { revision config } }";
    private static final String REPORT_APPLIED = "mutation($ns: String!, $host: String!, $scope: JSON!, $rev: Int!)"
            + " { reportApplied(namespace: $ns, hostId: $host, scope: $scope, revision: $rev) }";
    private static final String REPORT_HEALTH = "mutation($ns: String!, $host: String!, $rev: Int!, $m: JSON!)"
            + " { reportHealth(namespace: $ns, hostId: $host, revision: $rev, metrics: $m) }";

    private final List<URI> endpoints;
    private final String apiKey;
    private final String namespace;
    private final Map<String, String> scope;
    private final String environment;
    private final String hostId;
    private final Duration pollInterval;
    private final Duration resyncInterval;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;

    private final JsonMapper json;
    private final HttpClient http;
    private final GraphQlTransport transport;
    private final DiskCache cache;
    private final ClientMetrics metrics;
    private final ScheduledExecutorService worker;
    private final ExecutorService notifier;
    private final CopyOnWriteArrayList<CascadeListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Map<String, Binding<?>>> bindings = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile Held held = Held.EMPTY;
    private volatile ConnectionState state = ConnectionState.STARTING;
    /** System.nanoTime() when the client last knew it held the latest revision. */
    private volatile long syncedAt = System.nanoTime();

    // Confined to the worker thread.
    private int endpointIndex;
    private int failures;
    private int generation;
    private Subscription subscription;
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> reconnect;
    private long reportedRevision;

    private CascadeClient(Builder builder) {
        this.endpoints = List.copyOf(builder.endpoints);
        this.apiKey = builder.apiKey;
        this.namespace = builder.namespace;
        this.scope = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.scope));
        this.environment = builder.environment != null ? builder.environment : builder.scope.get("environment");
        this.hostId = builder.hostId != null ? builder.hostId : defaultHostId();
        this.pollInterval = builder.pollInterval;
        this.resyncInterval = builder.resyncInterval;
        this.minBackoff = builder.minBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.requestTimeout = builder.requestTimeout;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .executor(Executors.newCachedThreadPool(threads("cascade-client-http")))
                .build();
        this.transport = new GraphQlTransport(http, json, apiKey, requestTimeout);
        this.cache =
                builder.cacheDirectory == null ? null : new DiskCache(builder.cacheDirectory.resolve(cacheFileName()));
        ScheduledThreadPoolExecutor single = new ScheduledThreadPoolExecutor(1, threads("cascade-client-worker"));
        single.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        single.setRemoveOnCancelPolicy(true);
        this.worker = single;
        this.notifier = Executors.newSingleThreadExecutor(threads("cascade-client-listeners"));
        this.metrics = new ClientMetrics(
                builder.openTelemetry, namespace, () -> staleness().toMillis() / 1000.0);
    }

    /** A builder; endpoints, API key, namespace and scope are required. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /**
     * Returns once the client holds a config: fetched from the first endpoint that answers within
     * {@code timeout}, else read from the last-known-good copy on disk; then it subscribes in the
     * background. Throws {@link CascadeStartException} when neither gives a config, saying why.
     */
    public CascadeClient start(Duration timeout) {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the client is already started");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<String> outcome = worker.submit(() -> initial(deadline));
        String failure;
        try {
            failure = outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CascadeStartException("interrupted while starting");
        } catch (ExecutionException e) {
            throw new CascadeStartException("could not start: " + e.getCause());
        }
        if (failure != null) {
            throw new CascadeStartException(failure);
        }
        return this;
    }

    /** Stops subscribing and polling. Reads keep answering with what the client held. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        worker.execute(() -> {
            generation++;
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        });
        worker.shutdown();
        try {
            worker.awaitTermination(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
        setState(ConnectionState.CLOSED);
        notifier.shutdown();
        metrics.close();
    }

    // ---- config -------------------------------------------------------------------------------

    /** The revision the host runs: the newest that its config or its flags reflect; 0 before start. */
    public long revision() {
        return held.revision();
    }

    /** The resolved config the host runs, a JSON tree ({@code toString()} is its JSON text). Do not modify it. */
    public JsonNode config() {
        return held.config();
    }

    /**
     * The object at {@code pointer} (a JSON Pointer, {@code ""} for the whole config) bound to {@code
     * type} (a record or POJO, bound as Jackson binds it): the same object on every call until a
     * revision changes that part. Null when the config has nothing there. Throws {@link
     * IllegalArgumentException} when the part does not bind to the type on the first call; later
     * revisions that do not bind keep the last object and are reported to {@link
     * CascadeListener#onError}.
     */
    public <T> T bind(String pointer, Class<T> type) {
        return view(pointer, type).get();
    }

    /** The live view behind {@link #bind}: hold it and call {@link ConfigView#get()} on the hot path. */
    @SuppressWarnings("unchecked")
    public <T> ConfigView<T> view(String pointer, Class<T> type) {
        Map<String, Binding<?>> byPointer = bindings.get(type);
        if (byPointer != null) {
            Binding<?> binding = byPointer.get(pointer);
            if (binding != null) {
                return (ConfigView<T>) binding;
            }
        }
        return createView(pointer, type);
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> ConfigView<T> createView(String pointer, Class<T> type) {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(type, "type");
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException(
                    "'" + pointer + "' is not a JSON Pointer: it starts with '/' or is empty");
        }
        Map<String, Binding<?>> byPointer = bindings.computeIfAbsent(type, key -> new ConcurrentHashMap<>());
        Binding<?> existing = byPointer.get(pointer);
        if (existing != null) {
            return (ConfigView<T>) existing;
        }
        Binding<T> binding = new Binding<>(pointer, type);
        Held now = held;
        try {
            binding.rebuild(json, now.config(), now.configRevision());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "config revision " + now.configRevision() + " at '" + pointer + "' does not bind to "
                            + type.getName() + ": " + e.getMessage(),
                    e);
        }
        byPointer.put(pointer, binding);
        return binding;
    }

    /** Adds a listener for every newer revision applied from now on. */
    public void onChange(CascadeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(CascadeListener listener) {
        listeners.remove(listener);
    }

    // ---- flags --------------------------------------------------------------------------------

    /** The value of a boolean flag, or {@code defaultValue} on any error. */
    public boolean booleanFlag(String key, EvaluationContext context, boolean defaultValue) {
        return booleanFlagDetail(key, context, defaultValue).value();
    }

    /** The value of a string flag, or {@code defaultValue} on any error. */
    public String stringFlag(String key, EvaluationContext context, String defaultValue) {
        return stringFlagDetail(key, context, defaultValue).value();
    }

    /** The value of a number flag, or {@code defaultValue} on any error. */
    public double numberFlag(String key, EvaluationContext context, double defaultValue) {
        EvaluationResult<Number> result = numberFlagDetail(key, context, null);
        return result.isError() ? defaultValue : result.value().doubleValue();
    }

    /** The value of a json flag (plain immutable Java JSON values), or {@code defaultValue} on any error. */
    public Object jsonFlag(String key, EvaluationContext context, Object defaultValue) {
        return jsonFlagDetail(key, context, defaultValue).value();
    }

    /** A boolean flag with its variation, reason, matched rule and error code; never throws. */
    public EvaluationResult<Boolean> booleanFlagDetail(String key, EvaluationContext context, boolean defaultValue) {
        EnvironmentFlags flags = held.environmentFlags();
        return counted(
                flags != null
                        ? flags.evaluateBoolean(key, context, defaultValue)
                        : EVALUATOR.evaluateBoolean(held.flagSet(), key, environment, context, defaultValue));
    }

    /** A string flag with its details; never throws. */
    public EvaluationResult<String> stringFlagDetail(String key, EvaluationContext context, String defaultValue) {
        EnvironmentFlags flags = held.environmentFlags();
        return counted(
                flags != null
                        ? flags.evaluateString(key, context, defaultValue)
                        : EVALUATOR.evaluateString(held.flagSet(), key, environment, context, defaultValue));
    }

    /** A number flag with its details; never throws. */
    public EvaluationResult<Number> numberFlagDetail(String key, EvaluationContext context, Number defaultValue) {
        EnvironmentFlags flags = held.environmentFlags();
        return counted(
                flags != null
                        ? flags.evaluateNumber(key, context, defaultValue)
                        : EVALUATOR.evaluateNumber(held.flagSet(), key, environment, context, defaultValue));
    }

    /** A json flag with its details; never throws. */
    public EvaluationResult<Object> jsonFlagDetail(String key, EvaluationContext context, Object defaultValue) {
        EnvironmentFlags flags = held.environmentFlags();
        return counted(
                flags != null
                        ? flags.evaluateJson(key, context, defaultValue)
                        : EVALUATOR.evaluateJson(held.flagSet(), key, environment, context, defaultValue));
    }

    /** A flag of any type with its details; on error the value is null. Never throws. */
    public EvaluationResult<Object> flagDetail(String key, EvaluationContext context) {
        return counted(EVALUATOR.evaluate(held.flagSet(), key, environment, context));
    }

    /** Every flag of the environment, as the server's {@code evaluateFlags} answers them, by key. */
    public Map<String, EvaluationResult<Object>> evaluateAll(EvaluationContext context) {
        Map<String, EvaluationResult<Object>> results = EVALUATOR.evaluateAll(held.flagSet(), environment, context);
        results.values().forEach(this::counted);
        return results;
    }

    /** The compiled flags the client holds now; for tools and providers that evaluate themselves. */
    public FlagSet flagSet() {
        return held.flagSet();
    }

    private <T> EvaluationResult<T> counted(EvaluationResult<T> result) {
        metrics.evaluated(result.reason());
        return result;
    }

    // ---- host -------------------------------------------------------------------------------

    /** The host id the client reports as. */
    public String hostId() {
        return hostId;
    }

    /** The namespace. */
    public String namespace() {
        return namespace;
    }

    /** The scope this host runs in. */
    public Map<String, String> scope() {
        return scope;
    }

    /** The environment flags are evaluated in. */
    public Optional<String> environment() {
        return Optional.ofNullable(environment);
    }

    /** Whether changes arrive as they happen. */
    public ConnectionState connectionState() {
        return state;
    }

    /** How long since the client last knew it held the latest revision; zero while subscribed. */
    public Duration staleness() {
        if (state == ConnectionState.CONNECTED) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(System.nanoTime() - syncedAt);
    }

    /**
     * Sends the host's counts since its last report (what rollout health gates read), on the revision
     * it runs; completes with whether the server took it, never exceptionally.
     */
    public CompletableFuture<Boolean> reportHealth(long requests, long errors, Double latencyP99Ms) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", requests);
        figures.put("errors", errors);
        if (latencyP99Ms != null) {
            figures.put("latencyP99Ms", latencyP99Ms);
        }
        Runnable send = () -> {
            long revision = held.revision();
            if (revision == 0) {
                done.complete(false);
                return;
            }
            try {
                request(
                        endpoints.get(endpointIndex),
                        REPORT_HEALTH,
                        Map.of("ns", namespace, "host", hostId, "rev", revision, "m", figures),
                        requestTimeout);
                done.complete(true);
            } catch (TransportException e) {
                error("health report refused: " + e.getMessage());
                done.complete(false);
            }
        };
        try {
            worker.execute(send);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.complete(false);
        }
        return done;
    }

    // ---- the worker -------------------------------------------------------------------------

    /** For {@link CascadeTestData}: started, without any network, holding nothing yet. */
    void startOffline() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the client is already started");
        }
        setState(ConnectionState.CONNECTED);
    }

    /** For {@link CascadeTestData}: applies on the worker, as a message from a server would be, and waits. */
    void applyOffline(Long configRevision, JsonNode config, Long flagsRevision, JsonNode flags, JsonNode segments) {
        try {
            worker.submit(() -> apply(configRevision, config, flagsRevision, flags, segments, "test"))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not apply: " + e.getCause(), e.getCause());
        }
    }

    /** Start: the servers in order, then the disk copy. Null on success, else why not. */
    private String initial(long deadline) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                problems.add(endpoints.get(i) + ": not tried, the start timeout had passed");
                continue;
            }
            Duration timeout = Duration.ofNanos(Math.min(left, requestTimeout.toNanos()));
            try {
                fetch(endpoints.get(i), timeout, "server");
                endpointIndex = i;
                synced();
                reportIfBehind();
                subscribe();
                schedulePoll();
                return null;
            } catch (TransportException e) {
                problems.add(e.getMessage());
            }
        }
        if (loadFromDisk()) {
            LOG.log(
                    Level.WARNING,
                    "no Cascade server answered (" + String.join("; ", problems) + "); serving revision "
                            + held.revision() + " from " + cache.file());
            setState(ConnectionState.DISCONNECTED);
            failures = 1;
            schedulePoll();
            scheduleReconnect();
            return null;
        }
        return "no Cascade server answered for namespace '" + namespace + "' (" + String.join("; ", problems) + ") and "
                + (cache == null ? "no cache directory is set" : "there is no usable copy at " + cache.file());
    }

    private void fetch(URI endpoint, Duration timeout, String source) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ns", namespace);
        variables.put("scope", scope);
        variables.put("host", hostId);
        if (environment == null) {
            JsonNode data = request(endpoint, FETCH_CONFIG, variables, timeout);
            JsonNode config = data.path("resolveConfig");
            apply(config.path("revision").asLong(), config.path("config"), null, null, null, source);
            return;
        }
        variables.put("env", environment);
        variables.put("flagScope", flagScope());
        JsonNode data = request(endpoint, FETCH, variables, timeout);
        JsonNode config = data.path("resolveConfig");
        JsonNode flags = data.path("flagSnapshot");
        apply(
                config.path("revision").asLong(),
                config.path("config"),
                flags.path("revision").asLong(),
                flags.path("flags"),
                withAttributes(flags),
                source);
    }

    private JsonNode request(URI endpoint, String query, Map<String, ?> variables, Duration timeout) {
        long begun = System.nanoTime();
        boolean ok = false;
        try {
            JsonNode data = transport.post(endpoint, query, variables, timeout);
            ok = true;
            return data;
        } finally {
            metrics.fetched((System.nanoTime() - begun) / 1e6, ok);
        }
    }

    /**
     * Applies what is newer than what the client holds: the config if {@code configRevision} is
     * newer, the flags if {@code flagsRevision} is. Anything else is a duplicate or stale and changes
     * nothing.
     */
    private void apply(
            Long configRevision,
            JsonNode config,
            Long flagsRevision,
            JsonNode flags,
            JsonNode segments,
            String source) {
        Held before = held;
        boolean newConfig = configRevision != null && configRevision > before.configRevision() && config.isObject();
        boolean newFlags = flagsRevision != null
                && flagsRevision > before.flagsRevision()
                && flags.isArray()
                && segments.path("segments").isArray();
        if (!newConfig && !newFlags) {
            return;
        }
        FlagSet flagSet = newFlags ? compile(flags, segments) : before.flagSet();
        Held after = new Held(
                newConfig ? configRevision : before.configRevision(),
                newConfig ? config : before.config(),
                newFlags ? flagsRevision : before.flagsRevision(),
                newFlags ? flags : before.flags(),
                newFlags ? segments : before.segments(),
                flagSet,
                newFlags ? environmentFlags(flagSet) : before.environmentFlags());
        held = after;
        if (newConfig) {
            rebind(after);
            metrics.applied("config", source);
        }
        if (newFlags) {
            metrics.applied("flags", source);
        }
        if (!"disk".equals(source) && cache != null) {
            cache.write(json.writeValueAsString(diskCopy(after)));
        }
        ConfigChange change = new ConfigChange(
                after.revision(),
                before.revision(),
                after.config(),
                newConfig ? ChangeDiff.config(before.config(), after.config()) : Map.of(),
                newFlags
                        ? ChangeDiff.flags(
                                before.flags(),
                                after.flags(),
                                !before.segments().equals(after.segments()))
                        : Map.of());
        if (!before.isEmpty()) {
            publish(listener -> listener.onChange(change));
        }
    }

    private EnvironmentFlags environmentFlags(FlagSet flagSet) {
        return environment == null ? null : flagSet.environment(environment).orElse(null);
    }

    /**
     * The segments and the declared attributes of a flag snapshot, as the one node the client keeps
     * beside the flags: {@code {"segments": [...], "attributes": {...}}}.
     */
    private JsonNode withAttributes(JsonNode snapshot) {
        ObjectNode out = json.createObjectNode();
        out.set("segments", snapshot.path("segments"));
        JsonNode attributes = snapshot.path("attributes");
        out.set("attributes", attributes.isObject() ? attributes : json.createObjectNode());
        return out;
    }

    @SuppressWarnings("unchecked")
    private FlagSet compile(JsonNode flags, JsonNode segmentsAndAttributes) {
        List<?> flagDocuments = json.treeToValue(flags, List.class);
        List<?> segmentDocuments = json.treeToValue(segmentsAndAttributes.path("segments"), List.class);
        Map<String, String> attributes = json.treeToValue(segmentsAndAttributes.path("attributes"), Map.class);
        return FlagSet.compile(flagDocuments, segmentDocuments, DeclaredAttributes.schemaOf(attributes))
                .flagSet();
    }

    private synchronized void rebind(Held now) {
        for (Map<String, Binding<?>> byPointer : bindings.values()) {
            for (Binding<?> binding : byPointer.values()) {
                try {
                    binding.rebuild(json, now.config(), now.configRevision());
                } catch (RuntimeException e) {
                    error("config revision " + now.configRevision() + " at '" + binding.pointer()
                            + "' does not bind to " + binding.type().getName() + "; keeping revision "
                            + binding.revision() + ": " + e.getMessage());
                }
            }
        }
    }

    private void reportIfBehind() {
        long revision = held.revision();
        if (revision <= reportedRevision || held.isEmpty()) {
            return;
        }
        try {
            request(
                    endpoints.get(endpointIndex),
                    REPORT_APPLIED,
                    Map.of("ns", namespace, "host", hostId, "scope", scope, "rev", revision),
                    requestTimeout);
            reportedRevision = revision;
        } catch (TransportException e) {
            LOG.log(Level.DEBUG, "reportApplied failed, will report again: " + e.getMessage());
        }
    }

    /**
     * The scope sent with the flag reads, so a rollout cohort by site counts this host's flags as it
     * counts its config: the scope, when it names the flags' environment or none; else null.
     */
    private Map<String, String> flagScope() {
        String named = scope.get("environment");
        return named == null || named.equals(environment) ? scope : null;
    }

    private void subscribe() {
        if (closed.get() || subscription != null) {
            return;
        }
        int mine = ++generation;
        URI endpoint = endpoints.get(endpointIndex);
        Map<String, Object> configVariables = new LinkedHashMap<>();
        configVariables.put("ns", namespace);
        configVariables.put("scope", scope);
        configVariables.put("host", hostId);
        Map<String, Object> flagsVariables = new LinkedHashMap<>();
        flagsVariables.put("ns", namespace);
        flagsVariables.put("env", environment);
        flagsVariables.put("host", hostId);
        flagsVariables.put("scope", flagScope());
        try {
            subscription = Subscription.open(
                    http,
                    json,
                    endpoint,
                    apiKey,
                    configVariables,
                    environment == null ? null : flagsVariables,
                    requestTimeout,
                    new Subscription.Handler() {
                        @Override
                        public void acknowledged() {
                            onWorker(() -> acknowledgedBy(mine));
                        }

                        @Override
                        public void next(String id, JsonNode payload) {
                            onWorker(() -> received(mine, id, payload));
                        }

                        @Override
                        public void closed(String why) {
                            onWorker(() -> lost(mine, endpoint + ": " + why));
                        }
                    });
            int expected = mine;
            worker.schedule(
                    () -> {
                        if (generation == expected && state != ConnectionState.CONNECTED && subscription != null) {
                            lost(expected, endpoint + ": no connection_ack within " + requestTimeout);
                        }
                    },
                    requestTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TransportException e) {
            lost(mine, e.getMessage());
        }
    }

    private void acknowledgedBy(int mine) {
        if (mine != generation) {
            return;
        }
        failures = 0;
        setState(ConnectionState.CONNECTED);
        reschedulePoll();
    }

    private void received(int mine, String id, JsonNode payload) {
        if (mine != generation) {
            return;
        }
        JsonNode errors = payload.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            error("subscription " + id + " refused: "
                    + first.path("extensions").path("code").asString("") + ": "
                    + first.path("message").asString(""));
            return;
        }
        JsonNode data = payload.path("data");
        if (Subscription.CONFIG.equals(id)) {
            JsonNode config = data.path("configChanged");
            apply(config.path("revision").asLong(), config.path("config"), null, null, null, "subscription");
        } else if (Subscription.FLAGS.equals(id)) {
            JsonNode flags = data.path("flagsChanged");
            apply(
                    null,
                    null,
                    flags.path("revision").asLong(),
                    flags.path("flags"),
                    withAttributes(flags),
                    "subscription");
        }
        synced();
        reportIfBehind();
    }

    private void lost(int mine, String why) {
        if (mine != generation || closed.get()) {
            return;
        }
        generation++;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        boolean wasConnected = state == ConnectionState.CONNECTED;
        if (wasConnected) {
            syncedAt = System.nanoTime();
        }
        setState(ConnectionState.DISCONNECTED);
        error(wasConnected ? Level.WARNING : Level.DEBUG, "subscription lost: " + why);
        failures++;
        endpointIndex = (endpointIndex + 1) % endpoints.size();
        scheduleReconnect();
        reschedulePoll();
    }

    private void scheduleReconnect() {
        if (closed.get() || (reconnect != null && !reconnect.isDone())) {
            return;
        }
        long ceiling =
                Math.min(maxBackoff.toMillis(), minBackoff.toMillis() << Math.min(20, Math.max(0, failures - 1)));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        reconnect = worker.schedule(this::subscribe, delay, TimeUnit.MILLISECONDS);
    }

    private void reschedulePoll() {
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
        schedulePoll();
    }

    /** Polls every {@code pollInterval} while not subscribed, and checks every {@code resyncInterval} while subscribed. */
    private void schedulePoll() {
        if (closed.get() || (poll != null && !poll.isDone())) {
            return;
        }
        long interval = (state == ConnectionState.CONNECTED ? resyncInterval : pollInterval).toMillis();
        long delay = interval * 3 / 4 + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        poll = worker.schedule(this::poll, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * While not subscribed: each endpoint in failover order until one answers. While subscribed: the
     * subscribed endpoint, to heal a change the subscription missed (a server that did not hear of it).
     */
    private void poll() {
        poll = null;
        if (closed.get()) {
            return;
        }
        int tries = state == ConnectionState.CONNECTED ? 1 : endpoints.size();
        for (int i = 0; i < tries; i++) {
            int index = (endpointIndex + i) % endpoints.size();
            try {
                fetch(endpoints.get(index), requestTimeout, "server");
                synced();
                endpointIndex = index;
                reportIfBehind();
                break;
            } catch (TransportException e) {
                LOG.log(Level.DEBUG, "poll failed: " + e.getMessage());
            }
        }
        schedulePoll();
    }

    private void synced() {
        syncedAt = System.nanoTime();
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    // ---- disk ---------------------------------------------------------------------------------

    private ObjectNode diskCopy(Held now) {
        ObjectNode out = json.createObjectNode();
        out.put("namespace", namespace);
        out.set("scope", json.valueToTree(new TreeMap<>(scope)));
        out.put("configRevision", now.configRevision());
        out.set("config", now.config());
        out.put("flagsRevision", now.flagsRevision());
        out.set("flags", now.flags());
        out.set("segments", now.segments());
        return out;
    }

    private boolean loadFromDisk() {
        if (cache == null) {
            return false;
        }
        Optional<String> body = cache.read();
        if (body.isEmpty()) {
            return false;
        }
        try {
            JsonNode copy = json.readTree(body.get());
            if (!namespace.equals(copy.path("namespace").asString(""))
                    || !json.valueToTree(new TreeMap<>(scope)).equals(copy.path("scope"))) {
                LOG.log(Level.WARNING, "ignoring " + cache.file() + ": it is the copy of another namespace or scope");
                return false;
            }
            apply(
                    copy.path("configRevision").asLong(),
                    copy.path("config"),
                    copy.path("flagsRevision").asLong(),
                    copy.path("flags"),
                    copy.path("segments"),
                    "disk");
            return !held.isEmpty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring " + cache.file() + ": " + e.getMessage());
            return false;
        }
    }

    private String cacheFileName() {
        String key = namespace + "\n" + new TreeMap<>(scope);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return namespace + "-" + HexFormat.of().formatHex(digest, 0, 8) + ".lkg";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    // ---- listeners ----------------------------------------------------------------------------

    private void setState(ConnectionState next) {
        if (state == next || state == ConnectionState.CLOSED) {
            return;
        }
        state = next;
        publish(listener -> listener.onConnectionState(next));
    }

    private void error(String message) {
        error(Level.INFO, message);
    }

    private void error(Level level, String message) {
        LOG.log(level, message);
        publish(listener -> listener.onError(message));
    }

    private void publish(java.util.function.Consumer<CascadeListener> call) {
        try {
            notifier.execute(() -> {
                for (CascadeListener listener : listeners) {
                    try {
                        call.accept(listener);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a Cascade listener failed", e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String defaultHostId() {
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            name = "host";
        }
        String id = (name + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9._:-]", "-");
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    @Override
    public String toString() {
        return "CascadeClient[" + namespace + " " + scope + " as " + hostId + ", revision " + revision() + ", " + state
                + "]";
    }

    /** Configures a {@link CascadeClient}. */
    public static final class Builder {

        private List<URI> endpoints = List.of();
        private String apiKey;
        private String namespace;
        private Map<String, String> scope = Map.of();
        private String environment;
        private String hostId;
        private Path cacheDirectory;
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration resyncInterval = Duration.ofMinutes(5);
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private OpenTelemetry openTelemetry;

        private Builder() {}

        /** The servers' base URIs ({@code http://a:8080}), in failover order. */
        public Builder endpoints(List<URI> endpoints) {
            this.endpoints = List.copyOf(endpoints);
            return this;
        }

        /** The key: normally an SDK key of the namespace and the scope's environment. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** The host's scope, one value per dimension: {@code {"environment": "prod", "site": "us-east-1"}}. */
        public Builder scope(Map<String, String> scope) {
            this.scope = Map.copyOf(scope);
            return this;
        }

        /** The environment flags are evaluated in; defaults to the scope's {@code environment}. */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /** The host id (1-128 of {@code [A-Za-z0-9._:-]}); defaults to the host name and process id. */
        public Builder hostId(String hostId) {
            this.hostId = hostId;
            return this;
        }

        /** Where the last-known-good copy is kept; without one there is none. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** How often to poll while the subscription is down (jittered by ±25%); default 30 s. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * How often to fetch anyway while subscribed (jittered by ±25%), which heals a change the
         * subscription missed; default 5 min.
         */
        public Builder resyncInterval(Duration resyncInterval) {
            this.resyncInterval = positive(resyncInterval, "resyncInterval");
            return this;
        }

        /** The first and the longest wait before resubscribing (doubling, jittered); default 1 s to 30 s. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.minBackoff = positive(min, "min backoff");
            this.maxBackoff = positive(max, "max backoff");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is shorter than min backoff " + min);
            }
            return this;
        }

        /** How long one request may take; default 5 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Where metrics go; default {@link GlobalOpenTelemetry}. */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
            return this;
        }

        public CascadeClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint is required");
            }
            for (URI endpoint : endpoints) {
                String scheme = endpoint.getScheme();
                if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                    throw new IllegalArgumentException("endpoint " + endpoint + " is not an http or https URI");
                }
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("an API key is required");
            }
            if (namespace == null || namespace.isBlank()) {
                throw new IllegalArgumentException("a namespace is required");
            }
            if (hostId != null && !hostId.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new IllegalArgumentException(
                        "hostId '" + hostId + "' is invalid: expected 1-128 characters of [A-Za-z0-9._:-]");
            }
            if (openTelemetry == null) {
                openTelemetry = GlobalOpenTelemetry.get();
            }
            return new CascadeClient(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
