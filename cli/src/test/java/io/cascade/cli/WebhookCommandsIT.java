package io.cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.cascade.testsupport.ServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code cascade webhooks} against a real server and a real receiver on 127.0.0.1. */
class WebhookCommandsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            Map.of("cascade.webhook.allowed-targets", "127.0.0.1/32", "cascade.webhook.poll-interval", "100ms"));

    private static HttpServer receiver;
    private static final List<String> DELIVERED = new CopyOnWriteArrayList<>();

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            DELIVERED.add(exchange.getRequestHeaders().getFirst("Cascade-Delivery"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    private static String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void createListDeliveriesRedeliverRotateDelete() {
        CliRunner cli = CliRunner.against(SERVER.get(), home);
        cli.run("ns", "create", "hooks").ok();

        CliRunner.Result created = cli.run("webhooks", "create", "hooks", "--url", url(), "--description", "chat ops")
                .ok();
        assertThat(created.out()).contains("Created webhook wh_", "Signing secret", "whsec_");
        JsonNode json = cli.run("-o", "json", "webhooks", "create", "hooks", "--url", url(), "--event", "revision.*")
                .ok()
                .json();
        String id = json.path("id").asString();
        assertThat(json.path("secret").asString()).startsWith("whsec_");
        assertThat(json.at("/webhook/events/0").asString()).isEqualTo("revision.*");

        JsonNode listed =
                cli.run("-o", "json", "webhooks", "list", "hooks").ok().json();
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain("whsec_");
        assertThat(cli.run("webhooks", "list", "hooks").ok().out()).contains(id, "revision.*", "chat ops");

        cli.withStdin("{\"a\": 1}")
                .run("layer", "put", "hooks", "--selector", "defaults", "-")
                .ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> DELIVERED.stream().anyMatch(d -> d.startsWith(id)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cli.run("-o", "json", "webhooks", "deliveries", "hooks", id)
                                .ok()
                                .json()
                                .at("/0/status")
                                .asString())
                        .isEqualTo("DELIVERED"));
        JsonNode delivery = cli.run("-o", "json", "webhooks", "deliveries", "hooks", id)
                .ok()
                .json()
                .get(0);
        String deliveryId = delivery.path("id").asString();
        assertThat(cli.run("webhooks", "deliveries", "hooks", id).ok().out()).contains(deliveryId, "DELIVERED");

        assertThat(cli.run("webhooks", "redeliver", "hooks", id, deliveryId)
                        .ok()
                        .out())
                .contains("PENDING");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> DELIVERED.stream().filter(deliveryId::equals).count() == 2);

        CliRunner.Result rotated = cli.run("webhooks", "rotate", "hooks", id).ok();
        assertThat(rotated.out()).contains("whsec_", "valid until");
        cli.run("webhooks", "update", "hooks", id, "--disable").ok();
        assertThat(cli.run("-o", "json", "webhooks", "list", "hooks")
                        .ok()
                        .json()
                        .toString())
                .contains("\"enabled\":false");
        cli.run("webhooks", "delete", "hooks", id).ok();
        assertThat(cli.run("-o", "json", "webhooks", "list", "hooks").ok().json())
                .hasSize(1);
    }

    @Test
    void refusalsExitWithTheirDocumentedCodes() {
        CliRunner cli = CliRunner.against(SERVER.get(), home);
        cli.run("ns", "create", "refusals").ok();
        CliRunner.Result privateTarget = cli.run("webhooks", "create", "refusals", "--url", "http://10.0.0.1/hook")
                .exits(2);
        assertThat(privateTarget.err()).contains("BAD_USER_INPUT", "private");
        cli.run("webhooks", "create", "refusals", "--url", url(), "--event", "nonsense")
                .exits(2);
        cli.run("webhooks", "rotate", "refusals", "wh_missing").exits(6);
        cli.run("webhooks", "update", "refusals", "wh_missing", "--enable", "--disable")
                .exits(2);
        String viewer = cli.run("-o", "json", "keys", "create", "--namespace", "refusals", "--role", "viewer")
                .ok()
                .json()
                .path("secret")
                .asString();
        cli.withEnv("CASCADE_API_KEY", viewer)
                .run("webhooks", "list", "refusals")
                .exits(4);
    }
}
