package io.cascade.server.auth;

import io.cascade.server.audit.AuditTrail;
import io.cascade.server.error.CascadeException;
import io.cascade.server.namespace.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, lists, revokes and checks API keys. Keys are cached in memory so checking a request
 * costs a hash and a map lookup; a key unknown to the cache is looked up in the store, so keys made
 * by another server process work at once. A revocation here takes effect at once; one made by
 * another server process, within the refresh interval.
 *
 * <p>REFUSALS: a secret that does not match the cached key of its id, and one whose id is not
 * cached, take the same path, so that how long a refusal takes does not tell whether the id
 * exists: one store look-up of the id (a key made elsewhere, or nothing), then one constant-time
 * compare, against a hash no secret has when there is no key. The look-up is skipped, on both
 * paths alike, for an id refused in the last second, and once {@link #MAX_LOOKUPS_PER_SECOND}
 * refused ids have been looked up in the current second, so unauthenticated traffic cannot turn
 * into a stream of store queries. A key made elsewhere while look-ups are spent works from the
 * next refresh.
 */
public final class KeyService {

    private static final Logger log = LoggerFactory.getLogger(KeyService.class);
    private static final String BOOTSTRAP_ID = "bootstrap";
    private static final int MAX_DESCRIPTION = 200;
    private static final int MAX_REMEMBERED_FAILURES = 10_000;
    private static final long FAILURE_MEMORY_MILLIS = 1_000;
    /** How many store look-ups refused ids may cause per second, all ids together. */
    static final int MAX_LOOKUPS_PER_SECOND = 10;
    /** Compared with when a key id is unknown: the SHA-256 of no secret, since a secret is never empty. */
    private static final String NO_KEY_HASH = Secrets.hash("");

    private final ApiKeyStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final String bootstrapHash;
    private volatile Map<String, ApiKey> keys = Map.of();
    private final Map<String, ApiKey> localRevocations = new ConcurrentHashMap<>();
    private final Object cacheWrites = new Object();
    private final Map<String, Long> recentFailures = new ConcurrentHashMap<>();
    private final Object lookupBudget = new Object();
    private long budgetSecond = -1;
    private int lookupsThisSecond;

    public KeyService(ApiKeyStore store, AuditTrail audit, Clock clock, String bootstrapKey) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.bootstrapHash = bootstrapKey == null || bootstrapKey.isBlank() ? null : Secrets.hash(bootstrapKey.trim());
    }

    /**
     * Loads the keys and, when no bootstrap key is configured and no platform admin key exists,
     * creates one and writes its secret to {@code <dataDir>/bootstrap-admin.key} (mode 0600).
     */
    public void start(Path dataDir) {
        refresh();
        if (bootstrapHash != null) {
            log.info("Platform admin key: the one in CASCADE_BOOTSTRAP_ADMIN_KEY");
            return;
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve("bootstrap-admin.key");
        boolean adminExists = keys.values().stream().anyMatch(key -> key.platformAdmin() && !key.revoked());
        if (adminExists) {
            if (Files.exists(file)) {
                log.info("Bootstrap admin key: see {}", file);
            }
            return;
        }
        String id = Secrets.newKeyId();
        String secret = Secrets.newSecret(id);
        ApiKey key = new ApiKey(
                id, Secrets.hash(secret), null, null, null, "bootstrap admin", true, clock.instant(), "system", null);
        writeSecret(file, secret);
        store.insert(key);
        refresh();
        audit.append(
                AuditTrail.PLATFORM,
                Actor.system("bootstrap"),
                new AuditTrail.Event(
                        "key.create", null, Map.of("keyId", id), null, describe(key), "bootstrap admin key"));
        log.warn("Created the bootstrap admin key. Read it with: cat {}", file);
    }

    /** Reloads keys from the store; picks up keys made or revoked by other processes. */
    public void refresh() {
        synchronized (cacheWrites) {
            Map<String, ApiKey> loaded = new ConcurrentHashMap<>();
            for (ApiKey key : store.all()) {
                loaded.put(key.id(), key);
            }
            localRevocations.forEach(loaded::put);
            keys = loaded;
        }
    }

    /** Puts one key into the cache; every cache writer holds {@link #cacheWrites}. */
    private void cache(ApiKey key) {
        synchronized (cacheWrites) {
            Map<String, ApiKey> next = new ConcurrentHashMap<>(keys);
            next.put(key.id(), key);
            keys = next;
        }
    }

    /** The caller behind an {@code Authorization} header; {@code UNAUTHENTICATED} for anything else. */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new Unauthenticated(
                    AuthFailureReason.MISSING, "missing Authorization header: send Authorization: Bearer <key>");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 512) {
            throw new Unauthenticated(
                    AuthFailureReason.MALFORMED, "malformed Authorization header: expected Bearer <key>");
        }
        String secret = authorization.substring(7).trim();
        String hash = Secrets.hash(secret);
        if (bootstrapHash != null && Secrets.sameHash(hash, bootstrapHash)) {
            return new Principal(BOOTSTRAP_ID, "bootstrap admin", true, null, null, null);
        }
        String id = Secrets.keyIdOf(secret);
        if (id == null) {
            throw new Unauthenticated(AuthFailureReason.INVALID, "invalid API key");
        }
        ApiKey cached = keys.get(id);
        if (cached != null && Secrets.sameHash(hash, cached.hash())) {
            return principalOf(cached);
        }
        ApiKey stored = lookUp(id);
        boolean matches = Secrets.sameHash(hash, stored == null ? NO_KEY_HASH : stored.hash());
        if (stored == null || !matches) {
            rememberFailure(id);
            throw new Unauthenticated(AuthFailureReason.INVALID, "invalid API key");
        }
        return principalOf(stored);
    }

    private static Principal principalOf(ApiKey key) {
        if (key.revoked()) {
            throw new Unauthenticated(AuthFailureReason.REVOKED, "API key " + key.id() + " was revoked");
        }
        return key.principal();
    }

    /**
     * The key with this id in the store, cached when there is one (another process may have made
     * it), or null when there is none or no look-up is allowed now (see the class notes).
     */
    private ApiKey lookUp(String id) {
        long now = clock.millis();
        Long refusedUntil = recentFailures.get(id);
        if (refusedUntil != null && refusedUntil > now) {
            return null;
        }
        if (!spendLookup(now)) {
            return null;
        }
        ApiKey key = store.find(id);
        if (key != null && !key.equals(keys.get(id))) {
            cache(key);
        }
        return key;
    }

    /** Whether one more look-up fits in this second's budget; counts it if so. */
    private boolean spendLookup(long now) {
        synchronized (lookupBudget) {
            long second = now / 1_000;
            if (second != budgetSecond) {
                budgetSecond = second;
                lookupsThisSecond = 0;
            }
            if (lookupsThisSecond >= MAX_LOOKUPS_PER_SECOND) {
                return false;
            }
            lookupsThisSecond++;
            return true;
        }
    }

    private void rememberFailure(String id) {
        if (recentFailures.size() >= MAX_REMEMBERED_FAILURES) {
            recentFailures.clear();
        }
        recentFailures.put(id, clock.millis() + FAILURE_MEMORY_MILLIS);
    }

    /** A new key and its secret, which is never available again. */
    public Created create(Actor actor, String namespace, Role role, String environment, String description) {
        if (description != null && (description.length() > MAX_DESCRIPTION || !Names.isPrintable(description, false))) {
            throw CascadeException.badInput("description must be at most " + MAX_DESCRIPTION
                    + " characters without control or bidi characters");
        }
        boolean platformAdmin = namespace == null;
        if (platformAdmin && role != Role.ADMIN) {
            throw CascadeException.badInput(
                    "a key without a namespace is a platform admin key: its role must be ADMIN");
        }
        if (role == Role.SDK && (environment == null || environment.isBlank())) {
            throw CascadeException.badInput("an SDK key needs the environment it may read");
        }
        if (role != Role.SDK && environment != null) {
            throw CascadeException.badInput("only SDK keys are bound to an environment");
        }
        String id = Secrets.newKeyId();
        String secret = Secrets.newSecret(id);
        ApiKey key = new ApiKey(
                id,
                Secrets.hash(secret),
                namespace,
                platformAdmin ? null : role,
                environment,
                description,
                platformAdmin,
                clock.instant(),
                actor.name(),
                null);
        store.insert(key);
        cache(key);
        audit.append(
                platformAdmin ? AuditTrail.PLATFORM : namespace,
                actor,
                new AuditTrail.Event("key.create", null, Map.of("keyId", id), null, describe(key), description));
        return new Created(key, secret);
    }

    public ApiKey revoke(Actor actor, ApiKey key, String message) {
        if (key.revoked()) {
            throw CascadeException.conflict("key " + key.id() + " is already revoked", Map.of("keyId", key.id()));
        }
        if (!store.revoke(key.id(), clock.instant())) {
            throw CascadeException.conflict("key " + key.id() + " is already revoked", Map.of("keyId", key.id()));
        }
        ApiKey revoked = key.revokedAt(clock.instant());
        synchronized (cacheWrites) {
            localRevocations.put(key.id(), revoked);
            cache(revoked);
        }
        audit.append(
                key.platformAdmin() ? AuditTrail.PLATFORM : key.namespace(),
                actor,
                new AuditTrail.Event(
                        "key.revoke", null, Map.of("keyId", key.id()), describe(key), describe(revoked), message));
        return revoked;
    }

    /** The key with this id; {@code NOT_FOUND} if there is none. */
    public ApiKey get(String id) {
        ApiKey key = id == null ? null : keys.get(id);
        if (key == null) {
            throw CascadeException.notFound("no key " + id);
        }
        return key;
    }

    /** Keys of one namespace, or every key when {@code namespace} is null; oldest first. */
    public List<ApiKey> list(String namespace) {
        List<ApiKey> out = new ArrayList<>();
        for (ApiKey key : keys.values()) {
            if (namespace == null || namespace.equals(key.namespace())) {
                out.add(key);
            }
        }
        out.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
        return out;
    }

    private static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("namespace", key.namespace());
        out.put("role", key.role() == null ? null : key.role().name());
        out.put("environment", key.environment());
        out.put("description", key.description());
        out.put("platformAdmin", key.platformAdmin());
        out.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return out;
    }

    private static void writeSecret(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap admin key to " + file, e);
        }
    }

    /** A key just created, with its secret. */
    public record Created(ApiKey key, String secret) {}
}
