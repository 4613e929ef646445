package io.cascade.server.api;

import static io.cascade.server.api.ConfigApiIT.CREATE;
import static io.cascade.server.api.ConfigApiIT.DELETE;
import static io.cascade.server.api.ConfigApiIT.LAYERS;
import static io.cascade.server.api.ConfigApiIT.PUT;
import static io.cascade.server.api.ConfigApiIT.RESOLVE;
import static io.cascade.server.api.ConfigApiIT.SCHEMA;
import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Stopping and starting the server keeps everything: layers, schemas, history, as-of reads. */
class PersistenceIT {

    @Test
    void aRestartedServerHasEveryRevisionAndContinuesTheNumbering() {
        try (TestServer server = TestServer.start()) {
            GraphQlClient before = server.client();
            before.data(CREATE, vars("n", "kept"));
            before.data(
                    SCHEMA,
                    vars(
                            "n",
                            "kept",
                            "s",
                            json("{\"type\": \"object\", \"properties\": {\"size\": {\"type\": \"integer\"}}}")));
            before.data(
                    PUT,
                    vars(
                            "n",
                            "kept",
                            "s",
                            json("{}"),
                            "c",
                            json("{\"size\": 1, \"key.with.dots\": {\"$odd\": true}}")));
            before.data(PUT, vars("n", "kept", "s", json("{\"tenant\": \"acme\"}"), "c", json("{\"size\": 2}")));
            before.data(PUT, vars("n", "kept", "s", json("{\"tenant\": \"gone\"}"), "c", json("{\"size\": 3}")));
            before.data(DELETE, vars("n", "kept", "s", json("{\"tenant\": \"gone\"}")));

            server.restart();
            GraphQlClient after = server.client();

            JsonNode namespace = after.data(LAYERS, vars("n", "kept")).get("namespace");
            assertThat(namespace.get("revision").asInt()).isEqualTo(6);
            assertThat(namespace.get("layers")).hasSize(2);
            assertThat(namespace.at("/schema/version").asInt()).isEqualTo(1);
            assertThat(after.data(RESOLVE, vars("n", "kept", "s", json("{\"tenant\": \"acme\"}")))
                            .at("/resolveConfig/config")
                            .toString())
                    .isEqualTo("{\"size\":2,\"key.with.dots\":{\"$odd\":true}}");
            assertThat(after.data(RESOLVE, vars("n", "kept", "s", json("{\"tenant\": \"gone\"}"), "at", 5))
                            .at("/resolveConfig/config/size")
                            .asInt())
                    .isEqualTo(3);
            assertThat(after.post(PUT, vars("n", "kept", "s", json("{}"), "c", json("{\"size\": \"text\"}")))
                            .code())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(after.data(PUT, vars("n", "kept", "s", json("{}"), "c", json("{\"size\": 9}")))
                            .at("/putLayer/revision")
                            .asInt())
                    .isEqualTo(7);
        }
    }

    @Test
    void theDataDirectoryAndStoreFileAreTheOwnersOnlyEvenWhenTheyWereNot(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("data");
        Files.createDirectories(
                dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path store = Files.createFile(
                dataDir.resolve("cascade-store.mv"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (TestServer server = TestServer.start(Map.of("cascade.data-dir", dataDir.toString()))) {
            server.client().data(CREATE, vars("n", "private"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
                    .isEqualTo("rw-------");
        }
    }
}
