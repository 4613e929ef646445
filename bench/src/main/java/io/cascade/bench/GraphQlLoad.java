package io.cascade.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load generator for {@code resolveConfig} or {@code evaluateFlags} over GraphQL, on loopback only.
 *
 * <p>{@code --operation resolve} (the default) sets up a namespace of its own (a unique name) through the API: the schema, then defaults, 3
 * environment, 6 environment x site and {@code --tenants} tenant layers ({@link NamespaceFixture}),
 * batched as aliased {@code putLayer} mutations. Then {@code --threads} threads send {@code
 * resolveConfig} queries with variables for random {@code (environment, site, tenant)} scopes,
 * one request at a time each (closed loop), for {@code --warmup} seconds unrecorded and {@code
 * --duration} seconds recorded. Prints requests, req/s, latency percentiles and errors (a status
 * other than 200, an {@code errors} member in the body, or an I/O failure).
 *
 * <p>{@code --operation evaluate} sets up a namespace with declared attributes, one segment of
 * {@code --tenants} tenant keys and ten flags in environment {@code prod} ({@link FlagFixture}), and
 * makes an SDK key for {@code prod}, as hosts have. The threads then send {@code evaluateFlags(namespace,
 * environment: "prod", context: $c)} with a random context per request (targeting key, country,
 * plan, app version, tenant). Besides the errors above, an answer with a flag of reason {@code ERROR}
 * counts as an error.
 *
 * <p>Setup runs with the platform admin key ({@code --key-file FILE}, else the {@code CASCADE_API_KEY}
 * environment variable); the queries use a VIEWER key (resolve) or an SDK key for {@code prod}
 * (evaluate) of the namespace that setup creates. With
 * {@code --server-pid} it also reports the server's CPU time during the measured window.
 *
 * <p>Bounded: durations are capped, every request times out after 10 s, and each thread records
 * into a pre-sized array and stops when it is full ({@code --max-requests} across all threads).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.cascade.bench.GraphQlLoad --url http://127.0.0.1:8080 \
 *     --threads 2 --duration 30 --warmup 10 [--operation evaluate]
 * </pre>
 */
public final class GraphQlLoad {

    private static final int MAX_DURATION_SECONDS = 600;
    private static final int MAX_WARMUP_SECONDS = 300;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(120);

    private static final String RESOLVE = "query Resolve($ns: String!, $scope: JSON!) "
            + "{ resolveConfig(namespace: $ns, scope: $scope) { revision config } }";
    private static final String RESOLVE_EXPLAIN = "query Resolve($ns: String!, $scope: JSON!) "
            + "{ resolveConfig(namespace: $ns, scope: $scope, explain: true) { revision config sources { path selector } } }";
    private static final String EVALUATE = "query Evaluate($ns: String!, $c: JSON!) "
            + "{ evaluateFlags(namespace: $ns, environment: \"" + FlagFixture.ENVIRONMENT + "\", context: $c) "
            + "{ key value variation reason errorCode } }";

    private final Options options;
    private final URI endpoint;
    private final HttpClient http;
    private final String namespace;
    private final String adminKey;
    /** The key the load queries use: a VIEWER (resolve) or SDK (evaluate) key of the namespace, made during setup. */
    private String queryKey;

    private GraphQlLoad(Options options, String adminKey) {
        this.options = options;
        this.endpoint = graphqlEndpoint(options.url);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.namespace = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        this.adminKey = adminKey;
        this.queryKey = adminKey;
    }

    /** The platform admin key: {@code --key-file}, else {@code CASCADE_API_KEY}; null sends none. */
    private static String adminKey(Options options) throws IOException {
        if (options.keyFile != null) {
            return java.nio.file.Files.readString(java.nio.file.Path.of(options.keyFile))
                    .trim();
        }
        String key = System.getenv("CASCADE_API_KEY");
        return key == null || key.isBlank() ? null : key.trim();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GraphQlLoad: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        GraphQlLoad load = new GraphQlLoad(options, adminKey(options));
        load.setUp();
        Result result = load.run();
        result.print(options);
        System.exit(result.errors == 0 ? 0 : 3);
    }

    // ---- setup ---------------------------------------------------------------------------------

    private void setUp() throws IOException, InterruptedException {
        if (options.evaluate()) {
            setUpFlags();
            return;
        }
        long start = System.nanoTime();
        mutate("mutation($name: String!) { createNamespace(name: $name) { revision } }", Map.of("name", namespace));
        mutate(
                "mutation($ns: String!, $schema: JSON!) { registerSchema(namespace: $ns, schema: $schema) { revision } }",
                Map.of("ns", namespace, "schema", NamespaceFixture.schema()));

        List<Map<String, Object>> shared = new ArrayList<>();
        shared.add(layer("*", "*", "*", NamespaceFixture.defaults()));
        for (String environment : NamespaceFixture.ENVIRONMENTS) {
            shared.add(layer(environment, "*", "*", NamespaceFixture.environment(environment)));
            for (String site : NamespaceFixture.SITES) {
                shared.add(layer(environment, site, "*", NamespaceFixture.site(environment, site)));
            }
        }
        putLayers(shared);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < options.tenants; i++) {
            batch.add(layer("*", "*", NamespaceFixture.tenant(i), NamespaceFixture.tenantLayer(i)));
            if (batch.size() == options.batch) {
                putLayers(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            putLayers(batch);
        }
        createQueryKey("VIEWER", null);
        double seconds = (System.nanoTime() - start) / 1e9;
        int layers = shared.size() + options.tenants;
        System.out.printf(
                Locale.ROOT,
                "setup: namespace %s, schema + %d layers (%d revisions) in %.1f s (%.0f commits/s)%n",
                namespace,
                layers,
                layers + 2,
                seconds,
                (layers + 2) / seconds);
    }

    private static Map<String, Object> layer(
            String environment, String site, String tenant, Map<String, Object> content) {
        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put("environment", environment);
        selector.put("site", site);
        selector.put("tenant", tenant);
        return Map.of("selector", selector, "content", content);
    }

    /** One request of aliased putLayer mutations; mutations run in order, each its own revision. */
    private void putLayers(List<Map<String, Object>> layers) throws IOException, InterruptedException {
        StringBuilder signature = new StringBuilder("mutation Put($ns: String!");
        StringBuilder fields = new StringBuilder();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ns", namespace);
        for (int i = 0; i < layers.size(); i++) {
            signature.append(", $s").append(i).append(": JSON!, $c").append(i).append(": JSON!");
            fields.append(" l")
                    .append(i)
                    .append(": putLayer(namespace: $ns, selector: $s")
                    .append(i)
                    .append(", content: $c")
                    .append(i)
                    .append(", message: \"bench setup\") { revision }");
            variables.put("s" + i, layers.get(i).get("selector"));
            variables.put("c" + i, layers.get(i).get("content"));
        }
        mutate(signature + ") {" + fields + " }", variables);
    }

    /**
     * Evaluate setup: the namespace, its attributes, the segment and the flags (one request of
     * aliased putFlag mutations, each its own revision), an SDK key for prod; then a sample of
     * evaluations to check the flags and show the mix of reasons the load will see.
     */
    private void setUpFlags() throws IOException, InterruptedException {
        long start = System.nanoTime();
        mutate("mutation($name: String!) { createNamespace(name: $name) { revision } }", Map.of("name", namespace));
        mutate(
                "mutation($ns: String!, $a: JSON!) { putAttributes(namespace: $ns, attributes: $a, message: \"bench setup\") { revision } }",
                Map.of("ns", namespace, "a", FlagFixture.attributes()));
        mutate(
                "mutation($ns: String!, $s: JSON!) { putSegment(namespace: $ns, segment: $s, message: \"bench setup\") { revision } }",
                Map.of("ns", namespace, "s", FlagFixture.segment(options.tenants)));
        List<Map<String, Object>> flags = FlagFixture.flags();
        StringBuilder signature = new StringBuilder("mutation Put($ns: String!");
        StringBuilder fields = new StringBuilder();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ns", namespace);
        for (int i = 0; i < flags.size(); i++) {
            signature.append(", $f").append(i).append(": JSON!");
            fields.append(" f")
                    .append(i)
                    .append(": putFlag(namespace: $ns, flag: $f")
                    .append(i)
                    .append(", message: \"bench setup\") { revision }");
            variables.put("f" + i, flags.get(i));
        }
        mutate(signature + ") {" + fields + " }", variables);
        createQueryKey("SDK", FlagFixture.ENVIRONMENT);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "setup: namespace %s, attributes, segment '%s' of %d tenant keys, %d flags in '%s' in %.1f s%n",
                namespace,
                FlagFixture.SEGMENT,
                options.tenants,
                flags.size(),
                FlagFixture.ENVIRONMENT,
                seconds);
        sampleReasons(flags.size());
    }

    /** 500 evaluations before the load: every answer must hold every flag; prints the reasons seen. */
    private void sampleReasons(int flagCount) throws IOException, InterruptedException {
        int samples = 500;
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < samples; i++) {
            HttpResponse<String> response = http.send(
                    post(body(EVALUATE, evaluateVariables(random)), SETUP_TIMEOUT, queryKey),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            if (response.statusCode() != 200 || text.contains("\"errors\"")) {
                throw new IllegalStateException(
                        "evaluateFlags failed with HTTP " + response.statusCode() + ": " + text);
            }
            int flagsInAnswer = 0;
            for (int at = text.indexOf("\"reason\":\""); at >= 0; at = text.indexOf("\"reason\":\"", at + 1)) {
                int from = at + 10;
                reasons.merge(text.substring(from, text.indexOf('"', from)), 1, Integer::sum);
                flagsInAnswer++;
            }
            if (flagsInAnswer != flagCount) {
                throw new IllegalStateException(
                        "evaluateFlags answered " + flagsInAnswer + " flags, not " + flagCount + ": " + text);
            }
        }
        StringBuilder mix = new StringBuilder();
        reasons.forEach((reason, count) -> mix.append(mix.length() == 0 ? "" : ", ")
                .append(reason)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * count / (samples * flagCount))));
        System.out.printf(
                Locale.ROOT, "setup: %d sample evaluations x %d flags, reasons: %s%n", samples, flagCount, mix);
        if (reasons.containsKey("ERROR")) {
            throw new IllegalStateException("some flags evaluated to ERROR: the fixture is wrong");
        }
    }

    private Map<String, Object> evaluateVariables(ThreadLocalRandom random) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ns", namespace);
        variables.put("c", FlagFixture.context(random, options.tenants));
        return variables;
    }

    /**
     * Queries run as a reader would: with a VIEWER key of the namespace, or a host's SDK key bound to
     * {@code environment}, when the server has keys.
     */
    private void createQueryKey(String role, String environment) throws IOException, InterruptedException {
        if (adminKey == null) {
            System.out.println("setup: no key given (--key-file or CASCADE_API_KEY): queries send no Authorization");
            return;
        }
        String answer = mutate(
                "mutation($ns: String!" + (environment == null ? "" : ", $env: String")
                        + ") { createApiKey(namespace: $ns, role: " + role
                        + (environment == null ? "" : ", environment: $env")
                        + ", description: \"bench load\") { secret } }",
                environment == null ? Map.of("ns", namespace) : Map.of("ns", namespace, "env", environment));
        int at = answer.indexOf("\"secret\":\"");
        int end = at < 0 ? -1 : answer.indexOf('"', at + 10);
        if (end < 0) {
            throw new IllegalStateException("createApiKey answered without a secret");
        }
        queryKey = answer.substring(at + 10, end);
        System.out.println("setup: queries use "
                + (environment == null
                        ? "a " + role + " key of the namespace"
                        : "an " + role + " key of the namespace for environment " + environment));
    }

    private String mutate(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(post(body(query, variables), SETUP_TIMEOUT, adminKey), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            String text = response.body();
            throw new IllegalStateException("setup request failed with HTTP " + response.statusCode() + ": "
                    + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text));
        }
        return response.body();
    }

    // ---- load ----------------------------------------------------------------------------------

    private Result run() throws InterruptedException {
        long warmupNanos = Duration.ofSeconds(options.warmupSeconds).toNanos();
        long durationNanos = Duration.ofSeconds(options.durationSeconds).toNanos();
        long begin = System.nanoTime() + Duration.ofMillis(50).toNanos();
        long measureStart = begin + warmupNanos;
        long measureEnd = measureStart + durationNanos;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, options.maxRequests / options.threads);

        Worker[] workers = new Worker[options.threads];
        Thread[] threads = new Thread[options.threads];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(capacity, measureStart, measureEnd);
            threads[i] = new Thread(workers[i], "load-" + i);
            threads[i].setDaemon(true);
        }
        for (Thread thread : threads) {
            thread.start();
        }
        CpuTime window = CpuTime.between(measureStart, measureEnd, options.serverPid);
        for (Thread thread : threads) {
            thread.join();
        }
        return Result.of(workers, measureStart, window);
    }

    /**
     * CPU seconds the client and (with {@code --server-pid}, Linux only) the server used during the
     * measured window, read at its start and end: where the machine's cores went.
     */
    private record CpuTime(double clientSeconds, double serverSeconds) {

        static CpuTime between(long start, long end, long serverPid) throws InterruptedException {
            waitUntil(start);
            long client = clientNanos();
            long server = serverTicks(serverPid);
            waitUntil(end);
            double clientSeconds = (clientNanos() - client) / 1e9;
            long serverAfter = serverTicks(serverPid);
            double serverSeconds = server < 0 || serverAfter < 0 ? Double.NaN : (serverAfter - server) / 100.0;
            return new CpuTime(clientSeconds, serverSeconds);
        }

        private static void waitUntil(long nanoTime) throws InterruptedException {
            for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
        }

        private static long clientNanos() {
            java.lang.management.OperatingSystemMXBean os =
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        }

        /** utime + stime of a process from {@code /proc/<pid>/stat}, in clock ticks (USER_HZ, 100 on Linux). */
        private static long serverTicks(long pid) {
            if (pid <= 0) {
                return -1;
            }
            try {
                String stat =
                        java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** One closed-loop client: a request, wait for the answer, the next request. */
    private final class Worker implements Runnable {
        final long[] latencies;
        final long measureStart;
        final long measureEnd;
        int recorded;
        long errors;
        long warmupRequests;
        long warmupErrors;
        long lastCompletion;
        boolean full;
        String firstError;

        Worker(int capacity, long measureStart, long measureEnd) {
            this.latencies = new long[capacity];
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                long start = System.nanoTime();
                if (start >= measureEnd) {
                    return;
                }
                if (recorded == latencies.length) {
                    full = true;
                    return;
                }
                boolean ok = options.evaluate() ? evaluateOnce(random) : resolveOnce(random);
                long end = System.nanoTime();
                if (start < measureStart) {
                    warmupRequests++;
                    warmupErrors += ok ? 0 : 1;
                    continue;
                }
                latencies[recorded++] = end - start;
                errors += ok ? 0 : 1;
                lastCompletion = end;
            }
        }

        private boolean resolveOnce(ThreadLocalRandom random) {
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put(
                    "environment",
                    NamespaceFixture.ENVIRONMENTS.get(random.nextInt(NamespaceFixture.ENVIRONMENTS.size())));
            scope.put("site", NamespaceFixture.SITES.get(random.nextInt(NamespaceFixture.SITES.size())));
            scope.put("tenant", NamespaceFixture.tenant(random.nextInt(options.tenants)));
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("ns", namespace);
            variables.put("scope", scope);
            try {
                HttpResponse<String> response = http.send(
                        post(body(options.explain ? RESOLVE_EXPLAIN : RESOLVE, variables), REQUEST_TIMEOUT, queryKey),
                        HttpResponse.BodyHandlers.ofString());
                String text = response.body();
                if (response.statusCode() == 200
                        && !text.contains("\"errors\"")
                        && text.contains("\"resolveConfig\"")) {
                    return true;
                }
                noteError(
                        "HTTP " + response.statusCode() + ": " + (text.length() > 300 ? text.substring(0, 300) : text));
                return false;
            } catch (IOException e) {
                noteError(e.toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                noteError(e.toString());
                return false;
            }
        }

        private boolean evaluateOnce(ThreadLocalRandom random) {
            try {
                HttpResponse<String> response = http.send(
                        post(body(EVALUATE, evaluateVariables(random)), REQUEST_TIMEOUT, queryKey),
                        HttpResponse.BodyHandlers.ofString());
                String text = response.body();
                if (response.statusCode() == 200
                        && !text.contains("\"errors\"")
                        && text.contains("\"evaluateFlags\"")
                        && !text.contains("\"reason\":\"ERROR\"")) {
                    return true;
                }
                noteError(
                        "HTTP " + response.statusCode() + ": " + (text.length() > 300 ? text.substring(0, 300) : text));
                return false;
            } catch (IOException e) {
                noteError(e.toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                noteError(e.toString());
                return false;
            }
        }

        private void noteError(String what) {
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    /** Everything the workers recorded, merged. */
    private record Result(
            long requests,
            double seconds,
            long errors,
            long[] sorted,
            long warmupRequests,
            long warmupErrors,
            boolean capped,
            String firstError,
            CpuTime cpu) {

        static Result of(Worker[] workers, long measureStart, CpuTime cpu) {
            int total = 0;
            long errors = 0;
            long warmup = 0;
            long warmupErrors = 0;
            long last = measureStart;
            boolean capped = false;
            String firstError = null;
            for (Worker worker : workers) {
                total += worker.recorded;
                errors += worker.errors;
                warmup += worker.warmupRequests;
                warmupErrors += worker.warmupErrors;
                last = Math.max(last, worker.lastCompletion);
                capped |= worker.full;
                firstError = firstError != null ? firstError : worker.firstError;
            }
            long[] all = new long[total];
            int at = 0;
            for (Worker worker : workers) {
                System.arraycopy(worker.latencies, 0, all, at, worker.recorded);
                at += worker.recorded;
            }
            Arrays.sort(all);
            return new Result(
                    total, (last - measureStart) / 1e9, errors, all, warmup, warmupErrors, capped, firstError, cpu);
        }

        double percentileMillis(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
        }

        void print(Options options) {
            double rps = seconds > 0 ? requests / seconds : 0;
            System.out.printf(Locale.ROOT, "warmup: %d requests, %d errors%n", warmupRequests, warmupErrors);
            System.out.printf(
                    Locale.ROOT,
                    "measured: %d requests in %.2f s%s%n",
                    requests,
                    seconds,
                    capped ? " (stopped early: --max-requests reached)" : "");
            if (firstError != null) {
                System.out.println("first error: " + firstError);
            }
            System.out.printf(
                    Locale.ROOT,
                    "cpu during the measured window: client %.1f s, server %s of %d cores x %.1f s"
                            + " (server %s us/request)%n",
                    cpu.clientSeconds(),
                    Double.isNaN(cpu.serverSeconds())
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.1f s", cpu.serverSeconds()),
                    Runtime.getRuntime().availableProcessors(),
                    seconds,
                    Double.isNaN(cpu.serverSeconds()) || requests == 0
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.0f", cpu.serverSeconds() * 1e6 / requests));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT operation=%s threads=%d explain=%s requests=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d%n",
                    options.operation,
                    options.threads,
                    options.explain,
                    requests,
                    rps,
                    percentileMillis(0.50),
                    percentileMillis(0.90),
                    percentileMillis(0.99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                    errors);
        }
    }

    // ---- HTTP and JSON -------------------------------------------------------------------------

    private HttpRequest post(String body, Duration timeout, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }

    private static String body(String query, Map<String, Object> variables) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"query\":");
        JsonText.write(query, out);
        out.append(",\"variables\":");
        JsonText.write(variables, out);
        return out.append('}').toString();
    }

    /** {@code http://127.0.0.1:8080} or {@code .../graphql}; refuses any host that is not loopback. */
    static URI graphqlEndpoint(String url) {
        URI uri = URI.create(url.endsWith("/graphql") ? url : url.replaceAll("/+$", "") + "/graphql");
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://<loopback host>:<port>, was " + url);
        }
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("--url must point at loopback, was " + url);
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--url host is unknown: " + uri.getHost());
        }
        return uri;
    }

    /** Command-line options, each bounded. */
    record Options(
            String url,
            String operation,
            int threads,
            int durationSeconds,
            int warmupSeconds,
            int tenants,
            boolean explain,
            long maxRequests,
            int batch,
            long serverPid,
            String keyFile) {

        static final String USAGE =
                "usage: GraphQlLoad --url http://127.0.0.1:PORT [--operation resolve|evaluate] [--threads 2] [--duration 30] "
                        + "[--warmup 10] [--tenants 1000] [--explain] [--max-requests 5000000] [--batch 100] [--server-pid PID] [--key-file FILE]\n"
                        + "--tenants: tenant layers (resolve) or keys of the segment (evaluate; contexts draw tenants from twice as many)\n"
                        + "the platform admin key comes from --key-file or the CASCADE_API_KEY environment variable";

        boolean evaluate() {
            return operation.equals("evaluate");
        }

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--explain")) {
                    given.put(name, "true");
                } else if (name.startsWith("--") && i + 1 < args.length) {
                    given.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + name + "'");
                }
            }
            Options options = new Options(
                    given.getOrDefault("--url", "http://127.0.0.1:8080"),
                    given.getOrDefault("--operation", "resolve"),
                    bounded(given, "--threads", 2, 1, 256),
                    bounded(given, "--duration", 30, 1, MAX_DURATION_SECONDS),
                    bounded(given, "--warmup", 10, 0, MAX_WARMUP_SECONDS),
                    bounded(given, "--tenants", 1000, 1, 9000),
                    given.containsKey("--explain"),
                    bounded(given, "--max-requests", 5_000_000, 1, 100_000_000),
                    bounded(given, "--batch", 100, 1, 200),
                    bounded(given, "--server-pid", 0, 0, Integer.MAX_VALUE),
                    given.get("--key-file"));
            if (!List.of("resolve", "evaluate").contains(options.operation)) {
                throw new IllegalArgumentException(
                        "--operation must be resolve or evaluate, was '" + options.operation + "'");
            }
            if (options.explain && options.evaluate()) {
                throw new IllegalArgumentException("--explain applies to --operation resolve only");
            }
            List<String> known = List.of(
                    "--url",
                    "--operation",
                    "--threads",
                    "--duration",
                    "--warmup",
                    "--tenants",
                    "--explain",
                    "--max-requests",
                    "--batch",
                    "--server-pid",
                    "--key-file");
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return options;
        }

        private static int bounded(Map<String, String> given, String name, int fallback, int min, int max) {
            String text = given.get(name);
            if (text == null) {
                return fallback;
            }
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", was " + value);
            }
            return value;
        }
    }
}
