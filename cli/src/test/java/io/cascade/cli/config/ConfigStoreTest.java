package io.cascade.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path home;

    @BeforeEach
    void posixOnly() {
        assumeThat(home.getFileSystem().supportedFileAttributeViews()).contains("posix");
    }

    @Nested
    class Location {

        @Test
        void cascadeConfigWins() {
            ConfigStore store =
                    ConfigStore.locate(Map.of("CASCADE_CONFIG", "/x/c.json", "XDG_CONFIG_HOME", "/xdg", "HOME", "/h"));
            assertThat(store.path()).isEqualTo(Path.of("/x/c.json"));
        }

        @Test
        void thenXdgConfigHome() {
            assertThat(ConfigStore.locate(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/h"))
                            .path())
                    .isEqualTo(Path.of("/xdg/cascade/config.json"));
        }

        @Test
        void thenTheHomeDirectory() {
            assertThat(ConfigStore.locate(Map.of("HOME", "/h")).path())
                    .isEqualTo(Path.of("/h/.config/cascade/config.json"));
        }
    }

    @Nested
    class Permissions {

        @Test
        void theFileIsReadableByItsOwnerOnly() throws Exception {
            ConfigStore store = new ConfigStore(home.resolve(".config/cascade/config.json"));
            store.save(new Login("http://localhost:8080", "secret"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.path())))
                    .isEqualTo("rw-------");
        }

        @Test
        void createdDirectoriesAreTheOwnersOnly() throws Exception {
            ConfigStore store = new ConfigStore(home.resolve(".config/cascade/config.json"));
            store.save(new Login("http://localhost:8080", "secret"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".config/cascade"))))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".config"))))
                    .isEqualTo("rwx------");
        }

        @Test
        void anExistingDirectoryIsLeftAlone() throws Exception {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            new ConfigStore(home.resolve("config.json")).save(new Login("http://x", "k"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                    .isEqualTo("rwxr-xr-x");
        }

        @Test
        void aReadableOldFileIsMadePrivateWhenReplaced() throws Exception {
            Path file = Files.writeString(home.resolve("config.json"), "{}");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            new ConfigStore(file).save(new Login("http://x", "k"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Nested
    class Contents {

        @Test
        void whatIsSavedLoadsBack() {
            ConfigStore store = new ConfigStore(home.resolve("c/config.json"));
            store.save(new Login("http://localhost:8080", "secret"));
            assertThat(store.load()).contains(new Login("http://localhost:8080", "secret"));
        }

        @Test
        void noFileMeansNoLogin() {
            assertThat(new ConfigStore(home.resolve("none.json")).load()).isEmpty();
        }

        @Test
        void deleteForgetsTheLogin() {
            ConfigStore store = new ConfigStore(home.resolve("config.json"));
            store.save(new Login("http://x", "k"));
            assertThat(store.delete()).isTrue();
            assertThat(store.load()).isEmpty();
            assertThat(store.delete()).isFalse();
        }
    }
}
