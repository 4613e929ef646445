package io.cascade.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cascade.evaluator.config.Scope;
import io.cascade.evaluator.snapshot.Change;
import io.cascade.evaluator.snapshot.Revision;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.gateway.spi.GatewayState;
import io.cascade.gateway.spi.NamespaceRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class SubscriptionHubTest {

    private final Namespace namespace = new Namespace();
    private final List<Disposable> subscriptions = new ArrayList<>();
    private SubscriptionHub hub;

    @AfterEach
    void close() {
        subscriptions.forEach(Disposable::dispose);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void subscribersOnEveryLaneGetTheLatestRevisionAndNeverAnOlderOneAfterANewer() {
        hub = new SubscriptionHub(namespace, 4);
        List<List<Integer>> received = subscribe(40);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(r -> r.contains(1)));

        for (int n = 1; n <= 200; n++) {
            namespace.commit(n);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.stream().allMatch(r -> !r.isEmpty() && r.get(r.size() - 1) == 201));
        for (List<Integer> revisions : received) {
            assertThat(revisions).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aRevisionWithoutARolloutDoesNotMakeSubscribersWorkOutTheirCohortAgain() {
        hub = new SubscriptionHub(namespace, 2);
        List<List<Integer>> received = subscribe(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(r -> r.contains(1)));
        int asked = namespace.cohortQuestions.get();

        for (int n = 1; n <= 5; n++) {
            namespace.commit(n);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(r -> r.contains(6)));

        assertThat(namespace.cohortQuestions.get()).isEqualTo(asked);
    }

    @Test
    void whileARolloutRunsEveryRevisionMakesSubscribersWorkOutTheirCohortAgain() {
        hub = new SubscriptionHub(namespace, 2);
        List<List<Integer>> received = subscribe(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(r -> r.contains(1)));
        namespace.rolloutRunning.set(true);
        int asked = namespace.cohortQuestions.get();

        namespace.commit(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(r -> r.contains(2)));

        await().atMost(Duration.ofSeconds(10)).until(() -> namespace.cohortQuestions.get() >= asked + 10);
    }

    @Test
    void fewerThanOneFanOutThreadIsRefused() {
        assertThatThrownBy(() -> new SubscriptionHub(namespace, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fanOutThreads must be at least 1");
    }

    /** {@code count} subscribers of the same scope; each list fills with the revisions it is sent. */
    private List<List<Integer>> subscribe(int count) {
        List<List<Integer>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> revisions = new CopyOnWriteArrayList<>();
            all.add(revisions);
            subscriptions.add(hub.config("ns", Scope.of("prod"), Map.of("environment", "prod"), "host-" + i)
                    .subscribe(view -> revisions.add(view.revision())));
        }
        return all;
    }

    /** One namespace held in memory, as a gateway holds it: every commit is announced to the hub. */
    private static final class Namespace implements GatewayState {
        private final List<Consumer<NamespaceRevision>> listeners = new CopyOnWriteArrayList<>();
        private final AtomicInteger cohortQuestions = new AtomicInteger();
        private final AtomicBoolean rolloutRunning = new AtomicBoolean();
        private volatile Snapshot latest = Snapshot.created(
                "ns",
                new Revision(1, Instant.now(), "t", List.of(new Change.NamespaceCreated(List.of("environment")))));

        synchronized void commit(int n) {
            Revision next = new Revision(
                    latest.revision() + 1,
                    Instant.now(),
                    "t",
                    List.of(new Change.LayerPut(List.of("prod"), Map.of("n", n))));
            latest = latest.apply(next);
            NamespaceRevision event =
                    new NamespaceRevision(latest, "layer.put", "t", null, next.committedAt(), next.changes());
            listeners.forEach(listener -> listener.accept(event));
        }

        @Override
        public Optional<Snapshot> latest(String name) {
            return name.equals("ns") ? Optional.of(latest) : Optional.empty();
        }

        @Override
        public String cohortOf(String name, String hostId, Map<String, String> scope) {
            cohortQuestions.incrementAndGet();
            return "";
        }

        @Override
        public boolean rolloutRunning(String name) {
            return rolloutRunning.get();
        }

        @Override
        public void onRevision(Consumer<NamespaceRevision> listener) {
            listeners.add(listener);
        }
    }
}
