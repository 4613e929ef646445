package io.cascade.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets the server must be able to read back (webhook signing secrets), unlike API keys,
 * which are only hashed. AES-256-GCM with a random 96-bit nonce per secret; the associated data
 * binds each ciphertext to what owns it (a webhook id), so a sealed secret copied onto another
 * record does not open.
 *
 * <p>The key is {@code CASCADE_SECRET_KEY} (32 bytes in base64), else the one in {@code <data
 * dir>/secret.key}, generated with mode 0600 on first start. Replicas that share a store must share
 * the key. A sealed value names the key it was sealed with ({@code v1:<key id>:<base64>}), so a
 * process with another key knows it cannot open it instead of failing at random.
 */
public final class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    static final String KEY_FILE = "secret.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
    }

    /** A box with this raw 32-byte key. */
    public static SecretBox of(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes, was " + key.length);
        }
        return new SecretBox(key.clone());
    }

    /**
     * The key from the setting (base64 or base64url of 32 bytes) when it is set, else from the key
     * file in {@code dataDir}, which is created when missing.
     */
    public static SecretBox open(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            log.info("Secrets at rest: encrypted with the key in CASCADE_SECRET_KEY");
            return of(decode(configured.strip(), "CASCADE_SECRET_KEY"));
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return of(
                        decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString()));
            }
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            write(file, Base64.getEncoder().encodeToString(key));
            log.warn(
                    "Created the key that encrypts secrets at rest in {}; replicas sharing this store need the same"
                            + " key: set CASCADE_SECRET_KEY on each",
                    file);
            return of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }

    private static byte[] decode(String text, String where) {
        byte[] bytes;
        try {
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + " is not base64 (expected 32 random bytes, e.g. from" + " 'openssl rand -base64 32')");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(where + " must hold " + KEY_BYTES + " bytes in base64, not "
                    + bytes.length + " (e.g. from 'openssl rand -base64 32')");
        }
        return bytes;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** A short, public name of this key: what sealed values carry. Reveals nothing of the key. */
    public String keyId() {
        return keyId;
    }

    /** Encrypts {@code secret} for the owner {@code boundTo}. */
    public String seal(String secret, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always present", e);
        }
    }

    /** Whether {@code sealed} was sealed with this key. */
    public boolean canOpen(String sealed) {
        return sealed != null && sealed.startsWith("v1:" + keyId + ":");
    }

    /**
     * Decrypts what {@link #seal} made for the same owner. Throws {@link IllegalStateException} when
     * it was sealed with another key, for another owner, or altered.
     */
    public String open(String sealed, String boundTo) {
        if (!canOpen(sealed)) {
            throw new IllegalStateException("a secret was sealed with another key than this server's"
                    + " (CASCADE_SECRET_KEY differs between replicas?)");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(("v1:" + keyId + ":").length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret does not open: altered, or sealed for another owner");
        }
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("cascade secret key id\0".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(key), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[key " + keyId + "]";
    }
}
