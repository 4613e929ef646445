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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Write load: the latency of a durable commit of one small layer ({@code putLayer}) over GraphQL.
 *
 * <p>Creates {@code --namespaces} namespaces of its own (no schema), then {@code --writers} threads
 * each send one {@code putLayer} at a time (closed loop) of a small tenant layer, round robin over the
 * namespaces, until {@code --writes} commits are acknowledged in all. Every answer is a commit that
 * the server made durable before answering. Prints the commits per second and the latency
 * percentiles of the acknowledged writes; {@code --batch N} sends N aliased {@code putLayer}s per
 * request instead (N revisions per request) and reports per-request latency. The layers travel as
 * GraphQL variables, as the CLI and the Java client send them, so the server parses one document
 * once; {@code --inline} writes them into the document as literals instead (a new document per
 * request, parsed and validated each time).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.cascade.bench.WriteLoad --url http://127.0.0.1:8080 \
 *     --writers 1 --writes 2000 [--namespaces 1] [--batch 1] [--inline] [--key-file data/bootstrap-admin.key]
 * </pre>
 */
public final class WriteLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        int writers = 1;
        int writes = 2000;
        int namespaces = 1;
        int batch = 1;
        boolean inline = false;
        String key = System.getenv("CASCADE_API_KEY");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--writes" -> writes = Integer.parseInt(args[++i]);
                case "--namespaces" -> namespaces = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--inline" -> inline = true;
                case "--key-file" -> key = Files.readString(Path.of(args[++i])).trim();
                default -> {
                    System.err.println("WriteLoad: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (key == null || key.isBlank()) {
            System.err.println("WriteLoad: pass --key-file or set CASCADE_API_KEY (a platform admin key)");
            System.exit(2);
        }
        new WriteLoad(URI.create(url + "/graphql"), key.trim(), inline).run(writers, writes, namespaces, batch);
    }

    private final URI endpoint;
    private final String key;
    private final boolean inline;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private WriteLoad(URI endpoint, String key, boolean inline) {
        this.endpoint = endpoint;
        this.key = key;
        this.inline = inline;
    }

    private void run(int writers, int writes, int namespaceCount, int batch) throws Exception {
        String prefix = "wl-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < namespaceCount; i++) {
            String name = prefix + "-" + i;
            send(request("mutation { createNamespace(name: \"" + name + "\") { revision } }", null));
            namespaces.add(name);
        }
        int requests = Math.max(1, writes / batch);
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                    String namespace = namespaces.get(n % namespaces.size());
                    String body =
                            inline ? request(inline(namespace, n, batch), null) : withVariables(namespace, n, batch);
                    long t0 = System.nanoTime();
                    try {
                        String answer = send(body);
                        if (answer.contains("\"errors\"")) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                    latencies[n] = System.nanoTime() - t0;
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "writers=%d namespaces=%d batch=%d requests=%d revisions=%d errors=%d in %.1f s: %.0f revisions/s%n"
                        + "latency per request ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f%n",
                writers,
                namespaceCount,
                batch,
                requests,
                requests * batch,
                errors.get(),
                seconds,
                requests * batch / seconds,
                percentile(latencies, 50),
                percentile(latencies, 90),
                percentile(latencies, 99),
                latencies[latencies.length - 1] / 1e6);
        System.exit(errors.get() == 0 ? 0 : 3);
    }

    /** The batch as literals in the document: a document of its own per request. */
    private static String inline(String namespace, int n, int batch) {
        StringBuilder out = new StringBuilder("mutation {");
        for (int b = 0; b < batch; b++) {
            int id = n * batch + b;
            out.append(" p")
                    .append(b)
                    .append(": putLayer(namespace: \"")
                    .append(namespace)
                    .append("\", selector: {tenant: \"t-")
                    .append(id % 500)
                    .append("\"}, content: {limit: ")
                    .append(id)
                    .append(", label: \"w")
                    .append(id)
                    .append("\"}) { revision }");
        }
        return out.append(" }").toString();
    }

    /** The same batch as variables of one document per batch size. */
    private static String withVariables(String namespace, int n, int batch) {
        StringBuilder document = new StringBuilder("mutation($ns: String!");
        for (int b = 0; b < batch; b++) {
            document.append(", $s").append(b).append(": JSON!, $c").append(b).append(": JSON!");
        }
        document.append(") {");
        StringBuilder variables = new StringBuilder("{\"ns\":").append(quoted(namespace));
        for (int b = 0; b < batch; b++) {
            int id = n * batch + b;
            document.append(" p")
                    .append(b)
                    .append(": putLayer(namespace: $ns, selector: $s")
                    .append(b)
                    .append(", content: $c")
                    .append(b)
                    .append(") { revision }");
            variables
                    .append(",\"s")
                    .append(b)
                    .append("\":{\"tenant\":\"t-")
                    .append(id % 500)
                    .append("\"},\"c")
                    .append(b)
                    .append("\":{\"limit\":")
                    .append(id)
                    .append(",\"label\":\"w")
                    .append(id)
                    .append("\"}");
        }
        return request(document.append(" }").toString(), variables.append('}').toString());
    }

    private static String request(String query, String variables) {
        return "{\"query\":" + quoted(query) + (variables == null ? "" : ",\"variables\":" + variables) + "}";
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        JsonText.write(text, out);
        return out.toString();
    }

    private String send(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
