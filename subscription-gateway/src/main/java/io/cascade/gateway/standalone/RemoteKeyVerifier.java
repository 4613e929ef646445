package io.cascade.gateway.standalone;

import io.cascade.gateway.spi.Caller;
import io.cascade.gateway.spi.KeyVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Keys checked by asking a server who they are ({@code whoami}), remembered for {@code ttl} (by a
 * hash of the key, never the key itself), so a revoked key stops working within that time plus the
 * server's own revocation delay. Hosts that connect together with one key wait for one question.
 */
final class RemoteKeyVerifier implements KeyVerifier {

    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(Optional<Caller> caller, long until) {}

    private final ServerClient server;
    private final long ttlNanos;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Questions under way, so a thousand hosts connecting with one key ask the server once. */
    private final Map<String, CompletableFuture<Optional<Caller>>> asking = new ConcurrentHashMap<>();

    RemoteKeyVerifier(ServerClient server, Duration ttl) {
        this.server = server;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Optional<Caller> verify(String authorization) {
        String id = sha256(authorization);
        long now = System.nanoTime();
        Remembered known = remembered.get(id);
        if (known != null && known.until() - now > 0) {
            return known.caller();
        }
        CompletableFuture<Optional<Caller>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Caller>> underWay = asking.putIfAbsent(id, mine);
        if (underWay != null) {
            try {
                return underWay.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Optional<Caller> caller = ask(authorization);
            if (remembered.size() > MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(id, new Remembered(caller, now + ttlNanos));
            mine.complete(caller);
            return caller;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            asking.remove(id, mine);
        }
    }

    private Optional<Caller> ask(String authorization) {
        JsonNode answer =
                server.post("{ whoami { keyId platformAdmin namespace role environment } }", Map.of(), authorization);
        JsonNode who = answer.path("data").path("whoami");
        Optional<Caller> caller = who.isObject()
                ? Optional.of(new Caller(
                        who.path("keyId").asString(),
                        who.path("platformAdmin").asBoolean(),
                        who.path("namespace").asString(null),
                        who.path("role").asString(null),
                        who.path("environment").asString(null)))
                : Optional.empty();
        return caller;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
