package io.cascade.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * one aliased field and a spread of the next.
 *
 * <pre>
 * CASCADE_API_KEY=... java -cp bench/target/benchmarks.jar io.cascade.bench.RefusalTiming \
 *     --url http://127.0.0.1:8080 [--requests 50] [--warmup 20] [--key-file FILE]
 * </pre>
 */
public final class RefusalTiming {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

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
        Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
        cases.put("whoami", i -> query("{ whoami { keyId } } # " + i));
        cases.put("chained-fragments", i -> query(chainedFragments(1000) + "# " + i));
        for (Map.Entry<String, IntFunction<String>> entry : cases.entrySet()) {
            timing.run(entry.getKey(), entry.getValue(), warmup, requests);
        }
    }

    private void run(String name, IntFunction<String> body, int warmup, int requests)
            throws IOException, InterruptedException {
        String code = "";
        int length = body.apply(0).length();
        for (int i = 0; i < warmup; i++) {
            send(body.apply(-1 - i));
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            String request = body.apply(i);
            long start = System.nanoTime();
            HttpResponse<String> response = send(request);
            millis[i] = (System.nanoTime() - start) / 1e6;
            code = response.statusCode() + " " + codeOf(response.body());
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

    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
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

    /** The first {@code "code":"..."} of an answer, or "data" when there is none. */
    private static String codeOf(String body) {
        int at = body.indexOf("\"code\":\"");
        if (at < 0) {
            return "data";
        }
        int start = at + 8;
        return body.substring(start, body.indexOf('"', start));
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
