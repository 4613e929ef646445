package io.cascade.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

    @Nested
    class AuditActions {

        /** Written out by hand from docs/webhooks.md's events table, not derived from the code. */
        private final Map<String, String> documented = Map.ofEntries(
                Map.entry("change.propose", "change.proposed"),
                Map.entry("change.revise", "change.revised"),
                Map.entry("change.approve", "change.approved"),
                Map.entry("change.reject", "change.rejected"),
                Map.entry("change.apply", "change.applied"),
                Map.entry("rollout.start", "rollout.started"),
                Map.entry("rollout.advance", "rollout.advanced"),
                Map.entry("rollout.pause", "rollout.paused"),
                Map.entry("rollout.resume", "rollout.resumed"),
                Map.entry("rollout.abort", "rollout.aborted"),
                Map.entry("rollout.complete", "rollout.completed"));

        @Test
        void everyChangeAndRolloutActionBecomesItsDocumentedEvent() {
            documented.forEach((action, event) ->
                    assertThat(WebhookEvents.forAuditAction(action)).as(action).contains(event));
            assertThat(WebhookEvents.EVENTS_BY_AUDIT_ACTION).containsExactlyInAnyOrderEntriesOf(documented);
        }

        @Test
        void actionsThatAreNotChangeOrRolloutStepsSendNothingOfTheirOwn() {
            for (String action : List.of(
                    "layer.put",
                    "flag.put",
                    "namespace.create",
                    "policy.put",
                    "webhook.create",
                    "key.create",
                    "change.comment",
                    "rollout",
                    "change.",
                    "")) {
                assertThat(WebhookEvents.forAuditAction(action)).as(action).isEmpty();
            }
        }

        @Test
        void everyMappedEventIsANameAWebhookMaySubscribeTo() {
            for (String event : documented.values()) {
                assertThat(WebhookEvents.filter(List.of(event))).containsExactly(event);
            }
            assertThat(WebhookEvents.NAMES)
                    .containsExactlyInAnyOrder(
                            "revision.committed",
                            "change.proposed",
                            "change.revised",
                            "change.approved",
                            "change.rejected",
                            "change.applied",
                            "rollout.started",
                            "rollout.advanced",
                            "rollout.paused",
                            "rollout.resumed",
                            "rollout.aborted",
                            "rollout.completed");
        }
    }

    @Nested
    class Filters {

        @Test
        void aFamilyMatchesItsOwnEventsOnly() {
            List<String> changes = List.of("change.*");
            assertThat(WebhookEvents.matches(changes, "change.applied")).isTrue();
            assertThat(WebhookEvents.matches(changes, "rollout.started")).isFalse();
            assertThat(WebhookEvents.matches(changes, "revision.committed")).isFalse();
        }

        @Test
        void noFilterMeansEveryEvent() {
            List<String> all = WebhookEvents.filter(null);
            assertThat(all).containsExactly("*");
            assertThat(WebhookEvents.matches(all, "rollout.aborted")).isTrue();
        }
    }

    @Nested
    class Order {

        @Test
        void aStepSortsAfterTheRevisionBeforeItAndBeforeTheNextRevision() {
            long revision7 = EventIntake.order(7, 0);
            long stepAfter7 = EventIntake.order(7, 41);
            long laterStepAfter7 = EventIntake.order(7, 42);
            long revision8 = EventIntake.order(8, 0);
            assertThat(revision7).isLessThan(stepAfter7);
            assertThat(stepAfter7).isLessThan(laterStepAfter7);
            assertThat(laterStepAfter7).isLessThan(revision8);
            assertThat(EventIntake.order(7, Integer.MAX_VALUE)).isLessThan(revision8);
            assertThat(EventIntake.order(Integer.MAX_VALUE, Integer.MAX_VALUE)).isPositive();
        }
    }
}
