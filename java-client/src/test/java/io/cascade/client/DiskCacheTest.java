package io.cascade.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.client.internal.DiskCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {

    @TempDir
    Path dir;

    @Test
    void aCopyReadsBackAsWritten() throws IOException {
        DiskCache cache = new DiskCache(dir.resolve("shop.lkg"));
        assertThat(cache.write("{\"revision\": 7}")).isTrue();
        assertThat(cache.read()).contains("{\"revision\": 7}");
        assertThat(cache.write("{\"revision\": 8}")).isTrue();
        assertThat(cache.read()).contains("{\"revision\": 8}");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary files left").hasSize(1);
        }
    }

    @Test
    void aMissingCopyIsEmpty() {
        assertThat(new DiskCache(dir.resolve("none.lkg")).read()).isEmpty();
    }

    @Test
    void anAlteredTruncatedOrForeignCopyIsIgnored() throws IOException {
        Path file = dir.resolve("shop.lkg");
        DiskCache cache = new DiskCache(file);
        cache.write("{\"revision\": 7}");
        String good = Files.readString(file);

        Files.writeString(file, good.replace("7", "9"), StandardCharsets.UTF_8);
        assertThat(cache.read()).isEmpty();

        Files.writeString(file, good.substring(0, good.length() - 3), StandardCharsets.UTF_8);
        assertThat(cache.read()).isEmpty();

        Files.writeString(file, "{\"revision\": 7}", StandardCharsets.UTF_8);
        assertThat(cache.read()).isEmpty();

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(cache.read()).isEmpty();
    }

    @Test
    void aCopyThatCannotBeWrittenLeavesThePreviousOne() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where a directory should be");
        assertThat(new DiskCache(blocked.resolve("shop.lkg")).write("{}")).isFalse();
    }
}
