package io.cascade.client.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The last-known-good copy on disk: a first line {@code cascade-lkg 1 sha256:<hex>}, then the JSON
 * text the checksum covers. Written to a temporary file in the same directory and moved over the
 * old copy, so a reader sees the old copy or the new one, never half of one. A copy that is
 * missing, truncated, altered or of another format is ignored with a warning, never thrown.
 */
public final class DiskCache {

    private static final System.Logger LOG = System.getLogger(DiskCache.class.getName());
    private static final String MAGIC = "cascade-lkg 1 sha256:";

    private final Path file;

    public DiskCache(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Replaces the copy; a failure is logged and leaves the previous copy. */
    public boolean write(String body) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temporary, MAGIC + sha256(body) + "\n" + body, StandardCharsets.UTF_8);
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the last-known-good copy " + file + ": " + e);
            return false;
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The body of a copy whose checksum holds; empty, with a warning, for anything else. */
    public Optional<String> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring the last-known-good copy " + file + ": cannot read it: " + e);
            return Optional.empty();
        }
        int newline = text.indexOf('\n');
        if (!text.startsWith(MAGIC) || newline < 0) {
            LOG.log(Level.WARNING, "ignoring the last-known-good copy " + file + ": not a copy of this format");
            return Optional.empty();
        }
        String checksum = text.substring(MAGIC.length(), newline);
        String body = text.substring(newline + 1);
        if (!checksum.equals(sha256(body))) {
            LOG.log(Level.WARNING, "ignoring the last-known-good copy " + file + ": its checksum does not match");
            return Optional.empty();
        }
        return Optional.of(body);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
