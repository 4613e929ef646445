package io.cascade.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.cli.error.CliException;
import io.cascade.cli.error.ExitStatus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsTest {

    @TempDir
    Path dir;

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsJsonFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("layer.json"), "{\"pool\": {\"size\": 10}}");
        assertThat(Documents.read(file.toString(), stdin("")).at("/pool/size").asInt())
                .isEqualTo(10);
    }

    @Test
    void readsYamlFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("layer.yaml"), "pool:\n  size: 10\nbanner: Welcome\n");
        assertThat(Documents.read(file.toString(), stdin("")))
                .isEqualTo(Json.MAPPER.readTree("{\"pool\":{\"size\":10},\"banner\":\"Welcome\"}"));
    }

    @Test
    void readsYamlFromStandardInputWhenItIsNotJson() {
        assertThat(Documents.read("-", stdin("size: 3\n")).path("size").asInt()).isEqualTo(3);
    }

    @Test
    void readsJsonFromStandardInput() {
        assertThat(Documents.read("-", stdin("{\"size\": 3}")).path("size").asInt())
                .isEqualTo(3);
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThatThrownBy(() -> Documents.read(dir.resolve("nope.json").toString(), stdin("")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                    assertThat(e.getMessage()).contains("no such file");
                });
    }

    @Test
    void brokenJsonIsAUsageErrorNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"pool\": ");
        assertThatThrownBy(() -> Documents.read(file.toString(), stdin("")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.status()).isEqualTo(ExitStatus.USAGE);
                    assertThat(e.getMessage()).contains("broken.json").contains("JSON");
                });
    }

    @Test
    void anEmptyInputIsAUsageError() {
        assertThatThrownBy(() -> Documents.read("-", stdin("  \n"))).hasMessageContaining("empty");
    }

    @Test
    void objectsAreRequiredWhereALayerIsExpected() {
        assertThatThrownBy(() -> Documents.readObject("-", stdin("[1, 2]")))
                .hasMessageContaining("expected a JSON or YAML object");
    }
}
