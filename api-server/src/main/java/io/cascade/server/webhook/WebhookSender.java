package io.cascade.server.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one HTTP attempt: {@code POST} with the JDK client, redirects never followed, a short
 * connect time-out and a time-out for the whole exchange, and at most {@value #MAX_ANSWER_BYTES}
 * bytes of the answer read (the rest is abandoned). Never throws: the outcome says what happened.
 */
final class WebhookSender implements AutoCloseable {

    static final int MAX_ANSWER_BYTES = 1024;

    /** What an attempt came to: an HTTP status, or none and why. */
    record Outcome(Integer statusCode, String error) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    WebhookSender(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
    }

    /** The longest an attempt can take, time-outs included. */
    Duration longest() {
        return timeout.plusSeconds(1);
    }

    Outcome post(URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Cascade-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request.build(), info -> new BoundedBody(MAX_ANSWER_BYTES));
        try {
            HttpResponse<String> response = exchange.get(longest().toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(status, null);
            }
            if (status >= 300 && status < 400) {
                return new Outcome(status, "answered a redirect, which is not followed");
            }
            return new Outcome(status, "answered HTTP " + status + summary(response.body()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Outcome(null, "timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Outcome(null, "timed out after " + timeout.toMillis() + " ms");
            }
            return new Outcome(null, "no answer: " + describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            return new Outcome(null, "interrupted");
        }
    }

    private static String summary(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("[\\p{Cntrl}]+", " ");
        return ": " + (line.length() <= 200 ? line : line.substring(0, 200) + "...");
    }

    private static String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    @Override
    public void close() {
        // The JDK client of Java 17 has no close; its threads are daemons and end with the process.
    }

    /** Collects the first {@code limit} bytes of an answer, then stops reading. */
    static final class BoundedBody implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                item.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit) {
                result.complete(text());
                subscription.cancel();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(text());
        }

        private String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
