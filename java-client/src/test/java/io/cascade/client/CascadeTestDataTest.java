package io.cascade.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.evaluator.flag.EvaluationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CascadeTestDataTest {

    record Pool(int size) {}

    @Test
    void aHostsCodeSeesConfigFlagsAndChangesWithoutAServer() {
        try (CascadeTestData data = CascadeTestData.create("prod")) {
            data.config(Map.of("pool", Map.of("size", 10)));
            data.flag("""
                    {"key": "new-checkout", "type": "boolean", "variations": {"on": true, "off": false},
                     "environments": {"prod": {"enabled": true, "offVariation": "off",
                       "targets": {"on": ["user-1"]}, "fallthrough": {"serve": "off"}}}}
                    """);
            CascadeClient client = data.client();
            ConfigView<Pool> pool = client.view("/pool", Pool.class);
            List<ConfigChange> changes = new CopyOnWriteArrayList<>();
            client.onChange(changes::add);

            assertThat(pool.get()).isEqualTo(new Pool(10));
            assertThat(client.booleanFlag("new-checkout", EvaluationContext.ofKey("user-1"), false))
                    .isTrue();
            assertThat(client.booleanFlag("new-checkout", EvaluationContext.ofKey("user-2"), true))
                    .isFalse();
            assertThat(client.connectionState()).isEqualTo(ConnectionState.CONNECTED);

            data.config("{\"pool\": {\"size\": 20}}");

            assertThat(pool.get()).isEqualTo(new Pool(20));
            await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
            assertThat(changes).singleElement().satisfies(change -> {
                assertThat(change.revision()).isEqualTo(3);
                assertThat(change.configChanges()).containsEntry("/pool/size", ChangeType.MODIFIED);
            });
        }
    }
}
