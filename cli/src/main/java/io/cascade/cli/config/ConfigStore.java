package io.cascade.cli.config;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import io.cascade.cli.text.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored login, a JSON file <code>{"endpoint": ..., "key": ...}</code> only its owner may read:
 * the file is written with mode 0600, and directories the store creates get mode 0700. Where it
 * lives: {@code $CASCADE_CONFIG}, else {@code $XDG_CONFIG_HOME/cascade/config.json}, else
 * {@code ~/.config/cascade/config.json}.
 */
public final class ConfigStore {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public ConfigStore(Path path) {
        this.path = path;
    }

    /** The store the environment points at ({@code CASCADE_CONFIG}, {@code XDG_CONFIG_HOME}, {@code HOME}). */
    public static ConfigStore locate(Map<String, String> environment) {
        String explicit = environment.get("CASCADE_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new ConfigStore(Path.of(explicit));
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new ConfigStore(Path.of(xdg, "cascade", "config.json"));
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return new ConfigStore(Path.of(home, ".config", "cascade", "config.json"));
    }

    public Path path() {
        return path;
    }

    /** The stored login, or empty if there is none. */
    public Optional<Login> load() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CliException.of(ExitStatus.AUTH, "CONFIG", "cannot read " + path + ": " + e.getMessage());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            JsonNode endpoint = node.path("endpoint");
            JsonNode key = node.path("key");
            if (!endpoint.isString() || !key.isString()) {
                throw CliException.of(
                        ExitStatus.AUTH, "CONFIG", path + " lacks endpoint or key: run cascade login again");
            }
            return Optional.of(new Login(endpoint.asString(), key.asString()));
        } catch (JacksonException e) {
            throw CliException.of(ExitStatus.AUTH, "CONFIG", path + " is not valid JSON: run cascade login again");
        }
    }

    /** Writes {@code login}, replacing any stored one; the file is never readable by others, not even briefly. */
    public void save(Login login) {
        ObjectNode node = Json.object();
        node.put("endpoint", login.endpoint());
        node.put("key", login.key());
        Path dir = path.toAbsolutePath().getParent();
        try {
            createDirectories(dir);
            Path temp = createPrivateFile(dir);
            try {
                Files.writeString(temp, Json.pretty(node) + "\n", StandardCharsets.UTF_8);
                move(temp, path);
            } finally {
                Files.deleteIfExists(temp);
            }
            if (posix(path)) {
                Files.setPosixFilePermissions(path, FILE_MODE);
            }
        } catch (IOException e) {
            throw CliException.of(ExitStatus.SERVER_ERROR, "CONFIG", "cannot write " + path + ": " + e.getMessage());
        }
    }

    /** Removes the stored login; whether there was one. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw CliException.of(ExitStatus.SERVER_ERROR, "CONFIG", "cannot delete " + path + ": " + e.getMessage());
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, attributes(dir.getParent(), DIR_MODE));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static Path createPrivateFile(Path dir) throws IOException {
        return Files.createTempFile(dir, ".config-", ".tmp", attributes(dir, FILE_MODE));
    }

    private static FileAttribute<?>[] attributes(Path near, Set<PosixFilePermission> mode) {
        if (near == null || !posix(near)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }

    private static boolean posix(Path near) {
        return near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
