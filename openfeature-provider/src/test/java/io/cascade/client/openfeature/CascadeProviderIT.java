package io.cascade.client.openfeature;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Value;
import io.cascade.client.CascadeClient;
import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider as an application uses it: through the OpenFeature API, against a real server. */
class CascadeProviderIT {

    private static final String PUT_FLAG =
            "mutation($ns: String!, $f: JSON!) { putFlag(namespace: $ns, flag: $f) { revision } }";
    private static final String CHECKOUT = """
            {"key": "new-checkout", "type": "boolean", "variations": {"on": true, "off": false},
             "environments": {"prod": {"enabled": true, "offVariation": "off", "targets": {"on": ["user-1"]},
               "rules": [{"id": "us", "when": "country == \\"US\\"", "serve": "on"}],
               "fallthrough": {"serve": "off"}}}}
            """;
    private static final String OTHER_FLAGS = """
            [{"key": "banner", "type": "string", "variations": {"blue": "blue", "red": "red"},
              "environments": {"prod": {"enabled": true, "offVariation": "blue", "fallthrough": {"serve": "red"}}}},
             {"key": "pool-size", "type": "number", "variations": {"n": 50, "half": 2.5},
              "environments": {"prod": {"enabled": true, "offVariation": "n",
                "rules": [{"id": "h", "when": "plan == \\"half\\"", "serve": "half"}], "fallthrough": {"serve": "n"}}}},
             {"key": "limits", "type": "json", "variations": {"a": {"rps": 10, "tags": ["x"]}},
              "environments": {"prod": {"enabled": true, "offVariation": "a", "fallthrough": {"serve": "a"}}}}]
            """;

    private static TestServer server;
    private static GraphQlClient admin;
    private static String sdkKey;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.client();
        admin.data("mutation { createNamespace(name: \"shop\") { revision } }");
        admin.data(PUT_FLAG, vars("ns", "shop", "f", json(CHECKOUT)));
        for (Object flag : (List<?>) json(OTHER_FLAGS)) {
            admin.data(PUT_FLAG, vars("ns", "shop", "f", flag));
        }
        sdkKey = admin.data(
                        "mutation { createApiKey(namespace: \"shop\", role: SDK, environment: \"prod\") { secret } }")
                .at("/createApiKey/secret")
                .asString();
    }

    @AfterAll
    static void stop() {
        OpenFeatureAPI.getInstance().shutdown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void flagsReasonsErrorsAndEventsThroughTheOpenFeatureApi() {
        CascadeClient cascade = CascadeClient.builder()
                .endpoints(List.of(URI.create(server.baseUrl())))
                .apiKey(sdkKey)
                .namespace("shop")
                .scope(Map.of("environment", "prod"))
                .hostId("openfeature-1")
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .build();
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        List<EventDetails> changed = new CopyOnWriteArrayList<>();
        List<EventDetails> stale = new CopyOnWriteArrayList<>();
        api.onProviderConfigurationChanged(changed::add);
        api.onProviderStale(stale::add);
        api.setProviderAndWait(new CascadeProvider(cascade, Duration.ofSeconds(20), true));
        Client flags = api.getClient();
        assertThat(flags.getProviderState()).isEqualTo(ProviderState.READY);

        FlagEvaluationDetails<Boolean> target =
                flags.getBooleanDetails("new-checkout", false, new ImmutableContext("user-1"));
        assertThat(target.getValue()).isTrue();
        assertThat(target.getVariant()).isEqualTo("on");
        assertThat(target.getReason()).isEqualTo("TARGETING_MATCH");

        FlagEvaluationDetails<Boolean> rule = flags.getBooleanDetails(
                "new-checkout", false, new ImmutableContext("user-9", Map.of("country", new Value("US"))));
        assertThat(rule.getValue()).isTrue();
        assertThat(rule.getFlagMetadata().getString("ruleId")).isEqualTo("us");
        assertThat(flags.getBooleanDetails("new-checkout", true, new ImmutableContext("user-9"))
                        .getReason())
                .isEqualTo("DEFAULT");

        assertThat(flags.getStringValue("banner", "none", new ImmutableContext("u")))
                .isEqualTo("red");
        assertThat(flags.getIntegerValue("pool-size", 0, new ImmutableContext("u")))
                .isEqualTo(50);
        assertThat(flags.getDoubleValue("pool-size", 0.0, new ImmutableContext("u", Map.of("plan", new Value("half")))))
                .isEqualTo(2.5);
        FlagEvaluationDetails<Integer> notInteger =
                flags.getIntegerDetails("pool-size", 7, new ImmutableContext("u", Map.of("plan", new Value("half"))));
        assertThat(notInteger.getValue()).isEqualTo(7);
        assertThat(notInteger.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        Value limits = flags.getObjectValue("limits", new Value(), new ImmutableContext("u"));
        assertThat(limits.asStructure().getValue("rps").asInteger()).isEqualTo(10);
        assertThat(limits.asStructure().getValue("tags").asList()).containsExactly(new Value("x"));

        FlagEvaluationDetails<String> mismatch = flags.getStringDetails("new-checkout", "x", new ImmutableContext("u"));
        assertThat(mismatch.getValue()).isEqualTo("x");
        assertThat(mismatch.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(mismatch.getReason()).isEqualTo("ERROR");
        assertThat(flags.getBooleanDetails("no-such-flag", true, new ImmutableContext("u"))
                        .getErrorCode())
                .isEqualTo(ErrorCode.FLAG_NOT_FOUND);

        // a flag change: PROVIDER_CONFIGURATION_CHANGED naming the flag
        admin.data(PUT_FLAG, vars("ns", "shop", "f", json(CHECKOUT.replace("\"user-1\"", "\"user-2\""))));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> changed.stream().anyMatch(e -> e.getFlagsChanged().contains("new-checkout")));
        assertThat(flags.getBooleanValue("new-checkout", false, new ImmutableContext("user-2")))
                .isTrue();

        // cut off: PROVIDER_STALE, and flags still answer from what the client holds
        server.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> !stale.isEmpty());
        assertThat(flags.getBooleanValue("new-checkout", false, new ImmutableContext("user-2")))
                .isTrue();
        server = null;
    }
}
