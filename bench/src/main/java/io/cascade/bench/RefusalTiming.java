package io.cascade.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How long a running server takes to answer requests that must be refused cheaply, one at a time
 * over loopback, next to a plain {@code whoami} for scale. Each request is made unique (a trailing
 * comment), so the server's parsed-document cache never answers for it. Prints, per case, the
 * median, 90th percentile and maximum of {@code --requests} requests after {@code --warmup} unrecorded
 * ones, and the {@code extensions.code} of the last answer.
 *
 * <p>Cases: {@code whoami}; {@code chained-fragments}, a 58 KB query of 1 000 fragments each holding
 * one aliased field and a spread of the next; {@code regex-at-the-bounds}, {@code evaluateFlags} of
 * a flag whose rule is {@code name matches "\w{495}x"} (a pattern at the program-size limit) for a
 * context whose {@code name} is 1 024 letters (the longest string a context may hold), which never
 * matches; {@code regex-long-attribute}, the same with a 60 000-letter {@code name}, which the
 * context refuses ({@code INVALID_CONTEXT}). The flag lives in a namespace the tool creates.
 * {@code known-id-wrong-secret} and {@code unknown-id}: {@code whoami} with a well-formed secret of an
 * existing key (a different key each time, made by the tool) and of an id no key has; both are
 * {@code UNAUTHENTICATED}, and the two should take the same time. These two are paced to at most
 * eight requests a second, below the server's budget of store look-ups for refused ids, so that
 * every refusal may look its id up.
 *
 * <pre>
 * CASCADE_API_KEY=... java -cp bench/target/benchmarks.jar io.cascade.bench.RefusalTiming \
 *     --url http://127.0.0.1:8080 [--requests 50] [--warmup 20] [--key-file FILE]
 * </pre>
 */
public final class RefusalTiming {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final String key;

    private RefusalTiming(URI endpoint, String key) {
        this.endpoint = endpoint;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = options(args);
        String key = given.containsKey("key-file")
                ? Files.readString(Path.of(given.get("key-file"))).trim()
                : System.getenv("CASCADE_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("give the platform admin key in CASCADE_API_KEY or --key-file");
        }
        int requests = Integer.parseInt(given.getOrDefault("requests", "50"));
        int warmup = Integer.parseInt(given.getOrDefault("warmup", "20"));
        RefusalTiming timing =
                new RefusalTiming(GraphQlLoad.graphqlEndpoint(given.getOrDefault("url", "http://127.0.0.1:8080")), key);
        Map<String, IntFunction<Probe>> cases = new LinkedHashMap<>();
        cases.put("whoami", i -> new Probe(key, query("{ whoami { keyId } } # " + i)));
        cases.put("chained-fragments", i -> new Probe(key, query(chainedFragments(1000) + "# " + i)));
        String namespace = timing.setUpCostlyRule();
        cases.put("regex-at-the-bounds", i -> new Probe(key, evaluate(namespace, i, 1024)));
        cases.put("regex-long-attribute", i -> new Probe(key, evaluate(namespace, i, 60_000)));
        for (Map.Entry<String, IntFunction<Probe>> entry : cases.entrySet()) {
            timing.run(entry.getKey(), entry.getValue(), warmup, requests, 0);
        }
        List<String> knownIds = timing.createKeys(namespace, warmup + requests);
        String whoami = query("{ whoami { keyId } }");
        IntFunction<Probe> known = i -> new Probe(secretFor(knownIds.get(i < 0 ? requests - 1 - i : i)), whoami);
        IntFunction<Probe> unknown = i -> new Probe(secretFor(randomKeyId()), whoami);
        for (int round = 0; round < 2; round++) {
            timing.run("known-id-wrong-secret", known, warmup, requests, 125);
            timing.run("unknown-id", unknown, warmup, requests, 125);
        }
    }

    /** One request: the key it is sent with and its body. */
    private record Probe(String key, String body) {}

    private void run(String name, IntFunction<Probe> probes, int warmup, int requests, long paceMillis)
            throws IOException, InterruptedException {
        String code = "";
        int length = probes.apply(0).body().length();
        for (int i = 0; i < warmup; i++) {
            send(probes.apply(-1 - i));
            Thread.sleep(paceMillis);
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            Probe probe = probes.apply(i);
            long start = System.nanoTime();
            HttpResponse<String> response = send(probe);
            millis[i] = (System.nanoTime() - start) / 1e6;
            code = response.statusCode() + " " + codeOf(response.body());
            Thread.sleep(paceMillis);
        }
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "%-20s %7d bytes  median %7.1f ms  p90 %7.1f ms  max %7.1f ms  answer %s%n",
                name,
                length,
                millis[requests / 2],
                millis[(int) Math.min(requests - 1, Math.ceil(requests * 0.9) - 1)],
                millis[requests - 1],
                code);
    }

    /** A namespace holding one flag whose rule matches a pattern at the program-size limit. */
    private String setUpCostlyRule() throws IOException, InterruptedException {
        String namespace = "refusals-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, Object> flag = Map.of(
                "key",
                "costly",
                "type",
                "boolean",
                "variations",
                Map.of("on", true, "off", false),
                "environments",
                Map.of(
                        "prod",
                        Map.of(
                                "enabled",
                                true,
                                "offVariation",
                                "off",
                                "rules",
                                List.of(Map.of("id", "r", "when", "name matches \"\\\\w{495}x\"", "serve", "on")),
                                "fallthrough",
                                Map.of("serve", "off"))));
        for (String setup : List.of(
                body("mutation($n: String!) { createNamespace(name: $n) { name } }", Map.of("n", namespace)),
                body(
                        "mutation($n: String!, $f: JSON!) { putFlag(namespace: $n, flag: $f) { revision } }",
                        Map.of("n", namespace, "f", flag)))) {
            HttpResponse<String> response = send(new Probe(key, setup));
            if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                throw new IllegalStateException("setup failed: " + response.body());
            }
        }
        return namespace;
    }

    /** {@code count} VIEWER keys of the namespace; their ids. */
    private List<String> createKeys(String namespace, int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = send(new Probe(
                    key,
                    body(
                            "mutation($n: String!) { createApiKey(namespace: $n, role: VIEWER) { id } }",
                            Map.of("n", namespace))));
            String marker = "\"id\":\"";
            int at = response.body().indexOf(marker);
            if (at < 0) {
                throw new IllegalStateException("createApiKey failed: " + response.body());
            }
            int start = at + marker.length();
            ids.add(response.body().substring(start, response.body().indexOf('"', start)));
        }
        return ids;
    }

    /** A well-formed secret of the key id {@code id} that is not its secret. */
    private static String secretFor(String id) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "cas_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String randomKeyId() {
        StringBuilder id = new StringBuilder("k_");
        for (int i = 0; i < 16; i++) {
            id.append("abcdefghijklmnopqrstuvwxyz234567".charAt(RANDOM.nextInt(32)));
        }
        return id.toString();
    }

    private static String evaluate(String namespace, int i, int nameLength) {
        return body(
                "query($n: String!, $c: JSON!) { evaluateFlags(namespace: $n, environment: \"prod\", context: $c) "
                        + "{ key reason errorCode } }",
                Map.of("n", namespace, "c", Map.of("targetingKey", "user-" + i, "name", "a".repeat(nameLength))));
    }

    private static String body(String query, Map<String, Object> variables) {
        StringBuilder out = new StringBuilder();
        JsonText.write(Map.of("query", query, "variables", variables), out);
        return out.toString();
    }

    private HttpResponse<String> send(Probe probe) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + probe.key())
                .POST(HttpRequest.BodyPublishers.ofString(probe.body()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} fragments, each one aliased field and a spread of the next. */
    static String chainedFragments(int count) {
        StringBuilder query = new StringBuilder("query { ...F0 }\n");
        for (int i = 0; i < count; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on Query { a")
                    .append(i)
                    .append(": whoami { keyId }");
            if (i + 1 < count) {
                query.append(" ...F").append(i + 1);
            }
            query.append(" }\n");
        }
        return query.toString();
    }

    private static String query(String query) {
        StringBuilder out = new StringBuilder();
        JsonText.write(Map.of("query", query), out);
        return out.toString();
    }

    /** The first {@code "code":"..."} or {@code "errorCode":"..."} of an answer, or "data" when there is none. */
    private static String codeOf(String body) {
        for (String member : List.of("\"code\":\"", "\"errorCode\":\"")) {
            int at = body.indexOf(member);
            if (at >= 0) {
                int start = at + member.length();
                return body.substring(start, body.indexOf('"', start));
            }
        }
        return "data";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (!name.startsWith("--") || rest.isEmpty()) {
                throw new IllegalArgumentException("expected --name value, got " + name);
            }
            given.put(name.substring(2), rest.remove(0));
        }
        return given;
    }
}
