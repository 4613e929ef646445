package io.cascade.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the temporary directories test servers make. All static. */
public final class TempDirs {

    private TempDirs() {}

    /** Deletes {@code dir} and everything in it; what cannot be deleted is left, quietly. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file still open elsewhere: the OS's temp cleaning gets it
                }
            });
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
