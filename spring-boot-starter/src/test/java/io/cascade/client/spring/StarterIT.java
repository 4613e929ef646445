package io.cascade.client.spring;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import io.cascade.client.CascadeClient;
import io.cascade.client.ConnectionState;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Spring Boot application with the starter, against a real server. */
class StarterIT {

    private static final String PUT_LAYER = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";
    private static final String PUT_FLAG =
            "mutation($ns: String!, $f: JSON!) { putFlag(namespace: $ns, flag: $f) { revision } }";

    private static TestServer server;
    private static GraphQlClient admin;
    private static String sdkKey;

    /** The host's own settings, bound from the Cascade config. */
    @ConfigurationProperties("pool")
    public static class PoolProperties {
        private int size;
        private String name;

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** Reads a Cascade value with {@code @Value}, as a host's bean would. */
    public static class Greeter {
        private final String color;

        Greeter(@Value("${color}") String color) {
            this.color = color;
        }

        String color() {
            return color;
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        CascadeAutoConfiguration.class
    })
    @EnableConfigurationProperties(PoolProperties.class)
    static class HostApplication {
        @org.springframework.context.annotation.Bean
        Greeter greeter(@Value("${color}") String color) {
            return new Greeter(color);
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.client();
        admin.data("mutation { createNamespace(name: \"shop\") { revision } }");
        admin.data(
                PUT_LAYER,
                vars(
                        "ns",
                        "shop",
                        "s",
                        json("{\"environment\": \"prod\"}"),
                        "c",
                        json("{\"pool\": {\"size\": 10, \"name\": \"main\"}, \"color\": \"blue\"}")));
        admin.data(PUT_FLAG, vars("ns", "shop", "f", json("""
                {"key": "new-checkout", "type": "boolean", "variations": {"on": true, "off": false},
                 "environments": {"prod": {"enabled": true, "offVariation": "off",
                   "targets": {"on": ["user-1"]}, "fallthrough": {"serve": "off"}}}}
                """)));
        sdkKey = admin.data(
                        "mutation { createApiKey(namespace: \"shop\", role: SDK, environment: \"prod\") { secret } }")
                .at("/createApiKey/secret")
                .asString();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConfigIsAPropertySourceAndConfigurationPropertiesRebindLive() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HostApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "cascade.endpoints=" + server.baseUrl(),
                        "cascade.api-key=" + sdkKey,
                        "cascade.namespace=shop",
                        "cascade.scope.environment=prod",
                        "cascade.host-id=spring-host-1",
                        "pool.size=1",
                        "logging.level.root=WARN")
                .run()) {
            PoolProperties pool = app.getBean(PoolProperties.class);
            assertThat(pool.getSize())
                    .as("Cascade ranks above the application's own properties")
                    .isEqualTo(10);
            assertThat(pool.getName()).isEqualTo("main");
            assertThat(app.getBean(Greeter.class).color()).isEqualTo("blue");
            assertThat(app.getEnvironment().getProperty("pool.size", Integer.class))
                    .isEqualTo(10);

            CascadeClient client = app.getBean(CascadeClient.class);
            Client flags = app.getBean(Client.class);
            assertThat(flags.getBooleanValue("new-checkout", false, new ImmutableContext("user-1")))
                    .isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.connectionState() == ConnectionState.CONNECTED);

            Health health = app.getBean(CascadeHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("connection", "CONNECTED")
                    .containsEntry("revision", client.revision());

            int revision = admin.data(
                            PUT_LAYER,
                            vars(
                                    "ns",
                                    "shop",
                                    "s",
                                    json("{\"environment\": \"prod\"}"),
                                    "c",
                                    json("{\"pool\": {\"size\": 25, \"name\": \"main\"}, \"color\": \"blue\"}")))
                    .at("/putLayer/revision")
                    .asInt();
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.getSize() == 25);
            assertThat(client.revision()).isEqualTo(revision);
            assertThat(app.getEnvironment().getProperty("pool.size", Integer.class))
                    .isEqualTo(25);
            assertThat(app.getBean(PoolProperties.class)).isSameAs(pool);
        }
    }
}
