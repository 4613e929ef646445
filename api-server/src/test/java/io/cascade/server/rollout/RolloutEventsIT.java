package io.cascade.server.rollout;

import static io.cascade.testsupport.GraphQlClient.json;
import static io.cascade.testsupport.GraphQlClient.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** A tool watching {@code namespaceEvents} over a real WebSocket sees every move of a rollout, in order. */
class RolloutEventsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "cascade.rollout.tick", "PT0.2S",
            "cascade.rollout.lease", "PT3S"));

    private static final String EVENTS = "subscription($ns: String!) { namespaceEvents(namespace: $ns) "
            + "{ revision action author message changes { kind } rollout { id stage stageName state } } }";
    private static final String PUT = "mutation($ns: String!, $s: JSON!, $c: JSON!) "
            + "{ putLayer(namespace: $ns, selector: $s, content: $c) { revision } }";
    private static final String START = "mutation($ns: String!, $p: JSON!, $c: JSON) "
            + "{ startRollout(namespace: $ns, plan: $p, changes: $c) { id candidateRevision } }";
    private static final String MOVE = "mutation($ns: String!, $id: ID!) { %s(namespace: $ns, id: $id) { state } }";
    private static final String TWO_STAGES =
            "{\"stages\": [{\"name\": \"one\", \"hosts\": {\"percent\": 1}, \"bakeSeconds\": 3600},"
                    + " {\"name\": \"two\", \"hosts\": {\"all\": true}, \"bakeSeconds\": 3600}]}";
    private static final String CHANGE =
            "[{\"op\": \"putLayer\", \"selector\": {\"environment\": \"prod\"}, \"content\": {\"rateLimit\": 3}}]";

    private static GraphQlClient admin() {
        return SERVER.get().client();
    }

    private static void namespace(String name) {
        admin().data("mutation($n: String!) { createNamespace(name: $n) { revision } }", vars("n", name));
        admin().data(
                        PUT,
                        vars("ns", name, "s", json("{\"environment\": \"prod\"}"), "c", json("{\"rateLimit\": 100}")));
    }

    private static WsClient watch(String namespace) {
        WsClient tool = WsClient.connect(SERVER.get().baseUrl(), SERVER.get().createKey(namespace, "VIEWER", null));
        tool.subscribe("e", EVENTS, Map.of("ns", namespace));
        // namespaceEvents has no first message: a ping round trip orders the subscribe before the moves
        tool.send(Map.of("type", "ping"));
        assertThat(tool.nextControl(10).path("type").asString()).isEqualTo("pong");
        return tool;
    }

    private static void move(String mutation, String namespace, String id) {
        admin().data(String.format(MOVE, mutation), vars("ns", namespace, "id", id));
    }

    private static List<JsonNode> events(WsClient tool, int count) {
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode message = tool.next("e", 10);
            assertThat(message.path("type").asString()).as(message.toString()).isEqualTo("next");
            events.add(message.at("/payload/data/namespaceEvents"));
        }
        return events;
    }

    private static List<String> actions(List<JsonNode> events) {
        return events.stream().map(event -> event.get("action").asString()).toList();
    }

    private static void assertRevisionsNeverGoDown(List<JsonNode> events) {
        int last = 0;
        for (JsonNode event : events) {
            assertThat(event.get("revision").asInt()).as(event.toString()).isGreaterThanOrEqualTo(last);
            last = event.get("revision").asInt();
        }
    }

    @Test
    void everyMoveOfAConfigRolloutReachesToolsIncludingThoseThatCommitNoRevision() {
        namespace("watched");
        try (WsClient tool = watch("watched")) {
            JsonNode started = admin().data(START, vars("ns", "watched", "p", json(TWO_STAGES), "c", json(CHANGE)))
                    .get("startRollout");
            String id = started.get("id").asString();
            int candidate = started.get("candidateRevision").asInt();
            move("pauseRollout", "watched", id);
            move("resumeRollout", "watched", id);
            move("advanceRollout", "watched", id);
            move("advanceRollout", "watched", id);
            admin().data(PUT, vars("ns", "watched", "s", json("{\"site\": \"x\"}"), "c", json("{\"rateLimit\": 5}")));

            List<JsonNode> events = events(tool, 6);

            assertThat(actions(events))
                    .containsExactly(
                            "rollout.start",
                            "rollout.pause",
                            "rollout.resume",
                            "rollout.advance",
                            "rollout.complete",
                            "layer.put");
            assertRevisionsNeverGoDown(events);
            assertThat(events.get(0).get("revision").asInt()).isEqualTo(candidate);
            assertThat(events.get(0).get("message").asString()).contains(id);
            for (JsonNode step : events.subList(1, 5)) {
                assertThat(step.get("revision").asInt()).as(step.toString()).isEqualTo(candidate);
                assertThat(step.at("/rollout/id").asString()).isEqualTo(id);
                assertThat(step.get("changes").size()).isZero();
            }
            assertThat(events.get(1).at("/rollout/state").asString()).isEqualTo("PAUSED");
            assertThat(events.get(2).at("/rollout/state").asString()).isEqualTo("RUNNING");
            assertThat(events.get(3).at("/rollout/stage").asInt()).isEqualTo(1);
            assertThat(events.get(3).at("/rollout/stageName").asString()).isEqualTo("two");
            assertThat(events.get(4).at("/rollout/state").asString()).isEqualTo("COMPLETED");
            assertThat(events.get(5).get("revision").asInt()).isEqualTo(candidate + 1);
            assertThat(events.get(5).get("rollout").isNull()).isTrue();
            assertThat(tool.waiting("e")).isZero();
        }
    }

    @Test
    void anAbortReachesToolsAsItsRollbackRevisionWithTheReason() {
        namespace("aborted");
        try (WsClient tool = watch("aborted")) {
            JsonNode started = admin().data(START, vars("ns", "aborted", "p", json(TWO_STAGES), "c", json(CHANGE)))
                    .get("startRollout");
            String id = started.get("id").asString();
            move("pauseRollout", "aborted", id);
            admin().data(
                            "mutation($ns: String!, $id: ID!) { abortRollout(namespace: $ns, id: $id, reason: \"p99 doubled\") "
                                    + "{ state } }",
                            vars("ns", "aborted", "id", id));

            List<JsonNode> events = events(tool, 3);

            assertThat(actions(events)).containsExactly("rollout.start", "rollout.pause", "rollout.abort");
            assertRevisionsNeverGoDown(events);
            JsonNode abort = events.get(2);
            assertThat(abort.get("revision").asInt())
                    .isEqualTo(started.get("candidateRevision").asInt() + 1);
            assertThat(abort.get("message").asString()).contains(id).contains("p99 doubled");
        }
    }

    @Test
    void aFlagRampsStagesReachToolsAsStepsAndAsTheRevisionsTheyCommit() {
        namespace("ramped");
        admin().data(
                        "mutation($ns: String!, $f: JSON!) { putFlag(namespace: $ns, flag: $f) { revision } }",
                        vars(
                                "ns",
                                "ramped",
                                "f",
                                json(
                                        "{\"key\": \"checkout\", \"type\": \"boolean\", \"variations\": {\"on\": true, \"off\": false},"
                                                + " \"environments\": {\"prod\": {\"enabled\": true, \"offVariation\": \"off\","
                                                + " \"fallthrough\": {\"serve\": \"off\"}}}}")));
        try (WsClient tool = watch("ramped")) {
            String plan = "{\"flag\": \"checkout\", \"environment\": \"prod\", \"variation\": \"on\", \"stages\": ["
                    + "{\"percent\": 10, \"bakeSeconds\": 3600}, {\"percent\": 100, \"bakeSeconds\": 3600}]}";
            String id = admin().data(START, vars("ns", "ramped", "p", json(plan), "c", null))
                    .at("/startRollout/id")
                    .asString();
            move("advanceRollout", "ramped", id);
            move("advanceRollout", "ramped", id);

            List<JsonNode> events = events(tool, 4);

            assertThat(actions(events))
                    .containsExactly("rollout.start", "rollout.advance", "rollout.advance", "rollout.complete");
            assertRevisionsNeverGoDown(events);
            assertThat(events.get(1).at("/rollout/id").asString()).isEqualTo(id);
            assertThat(events.get(1).get("changes").size()).isZero();
            assertThat(events.get(2).get("rollout").isNull()).isTrue();
            assertThat(events.get(2).at("/changes/0/kind").asString()).isEqualTo("flag");
            assertThat(events.get(3).at("/rollout/state").asString()).isEqualTo("COMPLETED");
        }
    }
}
