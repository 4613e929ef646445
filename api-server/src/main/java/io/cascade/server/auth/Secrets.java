package io.cascade.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key secrets: {@code cas_<key id>_<43 characters of base64url randomness>}. 256 random bits make
 * a plain SHA-256 the right storage hash: there is nothing to brute-force.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("cas_(k_[a-z2-7]{16})_([A-Za-z0-9_-]{43})");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Secrets() {}

    static String newKeyId() {
        StringBuilder id = new StringBuilder("k_");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    static String newSecret(String keyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "cas_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The key id inside a well-formed secret, or null. */
    static String keyIdOf(String secret) {
        Matcher matcher = FORMAT.matcher(secret);
        return matcher.matches() ? matcher.group(1) : null;
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
