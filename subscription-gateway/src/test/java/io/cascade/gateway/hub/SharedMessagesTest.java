package io.cascade.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedMessagesTest {

    private final SharedMessages shared = new SharedMessages();

    @Test
    void aValueCompletedForOneSelectionIsSharedWithTheNextSubscriberOfThatSelectionOnly() {
        Object value = new Object();
        Map<String, Object> completed = Map.of("revision", 3);

        assertThat(shared.completed(value, "{revision}")).isNull();
        assertThat(shared.share(value, "{revision}", completed)).isSameAs(completed);

        assertThat(shared.completed(value, "{revision}")).isSameAs(completed);
        assertThat(shared.completed(value, "{revision config}")).isNull();
        assertThat(shared.completed(new Object(), "{revision}")).isNull();
    }

    @Test
    void anEqualValueThatIsAnotherInstanceIsNotTheSameValue() {
        Map<String, Object> value = Map.of("revision", 1);
        shared.share(value, "{revision}", Map.of("revision", 1));

        assertThat(shared.completed(Map.of("revision", 1), "{revision}")).isNull();
    }

    @Test
    void theFirstToShareWinsARace() {
        Object value = new Object();
        Map<String, Object> first = Map.of("revision", 3);

        shared.share(value, "{revision}", first);

        assertThat(shared.share(value, "{revision}", Map.of("revision", 3))).isSameAs(first);
    }

    @Test
    void aSharedObjectIsWrittenOnceAndAnythingElseNotAtAll() {
        Object value = new Object();
        Map<String, Object> completed = Map.of("revision", 3);
        shared.share(value, "{revision}", completed);
        AtomicInteger writes = new AtomicInteger();

        assertThat(shared.text(completed, object -> "text-" + writes.incrementAndGet()))
                .isEqualTo("text-1");
        assertThat(shared.text(completed, object -> "text-" + writes.incrementAndGet()))
                .isEqualTo("text-1");
        assertThat(shared.text(Map.of("revision", 3), object -> "never")).isNull();
        assertThat(writes).hasValue(1);
    }

    @Test
    void onlyRecentValuesAreKept() {
        Object oldest = new Object();
        shared.share(oldest, "{revision}", Map.of());
        for (int i = 0; i < 300; i++) {
            shared.share(new Object(), "{revision}", Map.of());
        }

        assertThat(shared.completed(oldest, "{revision}")).isNull();
        assertThat(shared.sizes()[0]).isEqualTo(256);
    }
}
