package io.cascade.evaluator.flag;

import static io.cascade.evaluator.flag.Fixtures.flag;
import static io.cascade.evaluator.flag.Fixtures.pairs;
import static io.cascade.evaluator.flag.Fixtures.segment;
import static io.cascade.evaluator.flag.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlagDocumentsTest {

    private static ListAssert<ValidationProblem> problemsOf(Fixtures.FlagBuilder flag) {
        return assertThat(FlagDocuments.parseFlag(flag.build()).problems());
    }

    private static void assertOnlyProblem(Fixtures.FlagBuilder flag, String path, ProblemCode code) {
        problemsOf(flag)
                .extracting(ValidationProblem::path, ValidationProblem::code)
                .containsExactly(tuple(path, code));
    }

    @Nested
    class ValidDocuments {

        @Test
        void productExampleReadsIntoTheModel() {
            Map<String, Object> doc = pairs(
                    "key",
                    "new-checkout",
                    "type",
                    "boolean",
                    "variations",
                    pairs("on", true, "off", false),
                    "environments",
                    pairs(
                            "prod",
                            pairs(
                                    "enabled",
                                    true,
                                    "offVariation",
                                    "off",
                                    "targets",
                                    pairs("on", List.of("user-1", "user-2")),
                                    "rules",
                                    List.of(
                                            pairs(
                                                    "id",
                                                    "beta",
                                                    "when",
                                                    "tenant in segment(\"beta-tenants\")",
                                                    "serve",
                                                    "on"),
                                            pairs(
                                                    "id",
                                                    "us",
                                                    "when",
                                                    "country == \"US\"",
                                                    "split",
                                                    split("on", 25, "off", 75))),
                                    "fallthrough",
                                    pairs("serve", "off"))));

            Flag flag = FlagDocuments.parseFlag(doc).value().orElseThrow();

            assertThat(flag.key()).isEqualTo("new-checkout");
            assertThat(flag.salt()).isEqualTo("new-checkout");
            assertThat(flag.type()).isEqualTo(FlagType.BOOLEAN);
            assertThat(flag.variations()).containsExactly(Map.entry("on", true), Map.entry("off", false));
            FlagEnvironment prod = flag.environments().get("prod");
            assertThat(prod.targets()).containsEntry("on", List.of("user-1", "user-2"));
            assertThat(prod.rules()).extracting(Rule::id).containsExactly("beta", "us");
            assertThat(prod.rules().get(1).serve())
                    .isEqualTo(new Serve.Split(
                            List.of(
                                    new Serve.Allocation("on", BigDecimal.valueOf(25)),
                                    new Serve.Allocation("off", BigDecimal.valueOf(75))),
                            false));
            assertThat(prod.fallthrough()).isEqualTo(new Serve.Single("off"));
        }

        @Test
        void metadataIsRead() {
            Flag flag = FlagDocuments.parseFlag(flag("checkout")
                            .set("description", "new flow")
                            .set("tags", List.of("web"))
                            .set("owner", "team-a")
                            .set("temporary", true)
                            .set("archived", true)
                            .build())
                    .value()
                    .orElseThrow();

            assertThat(flag.metadata()).isEqualTo(new FlagMetadata("new flow", List.of("web"), "team-a", true, true));
        }

        @Test
        void productSegmentExampleReads() {
            Segment segment = FlagDocuments.parseSegment(pairs(
                            "key",
                            "beta-tenants",
                            "included",
                            List.of("acme", "globex"),
                            "excluded",
                            List.of(),
                            "when",
                            "plan == \"enterprise\""))
                    .value()
                    .orElseThrow();

            assertThat(segment.included()).containsExactlyInAnyOrder("acme", "globex");
            assertThat(segment.when()).contains("plan == \"enterprise\"");
        }
    }

    @Nested
    class Problems {

        @Test
        void documentThatIsNotAnObject() {
            assertThat(FlagDocuments.parseFlag(List.of()).problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("", ProblemCode.WRONG_TYPE));
        }

        @Test
        void missingField() {
            assertOnlyProblem(flag("checkout").set("type", null), "/type", ProblemCode.MISSING_FIELD);
        }

        @Test
        void missingFieldInAnEnvironment() {
            assertOnlyProblem(
                    flag("checkout").setInEnvironment("enabled", null),
                    "/environments/prod/enabled",
                    ProblemCode.MISSING_FIELD);
        }

        @Test
        void unknownField() {
            assertOnlyProblem(flag("checkout").set("colour", "red"), "/colour", ProblemCode.UNKNOWN_FIELD);
        }

        @Test
        void unknownFieldInARule() {
            assertOnlyProblem(
                    flag("checkout").addRule(pairs("id", "r", "when", "true", "serve", "on", "priority", 1)),
                    "/environments/prod/rules/0/priority",
                    ProblemCode.UNKNOWN_FIELD);
        }

        @Test
        void wrongType() {
            assertOnlyProblem(
                    flag("checkout").setInEnvironment("enabled", "yes"),
                    "/environments/prod/enabled",
                    ProblemCode.WRONG_TYPE);
        }

        @Test
        void badFlagKey() {
            assertOnlyProblem(flag("Checkout!"), "/key", ProblemCode.INVALID_NAME);
        }

        @Test
        void badVariationName() {
            assertOnlyProblem(flag("checkout").type("string", "a b", "x"), "/variations/a b", ProblemCode.INVALID_NAME);
        }

        @Test
        void badEnvironmentName() {
            assertOnlyProblem(flag("checkout").environment("*"), "/environments/*", ProblemCode.INVALID_NAME);
        }

        @Test
        void badRuleId() {
            assertOnlyProblem(
                    flag("checkout").rule("no spaces", "true", "on"),
                    "/environments/prod/rules/0/id",
                    ProblemCode.INVALID_NAME);
        }

        @Test
        void unknownFlagType() {
            assertOnlyProblem(flag("checkout").set("type", "date"), "/type", ProblemCode.INVALID_VALUE);
        }

        @Test
        void variationValueNotOfTheFlagType() {
            assertOnlyProblem(
                    flag("checkout").set("variations", pairs("on", true, "off", "false")),
                    "/variations/off",
                    ProblemCode.VARIATION_TYPE_MISMATCH);
        }

        @Test
        void unknownVariationEverywhereItIsReferenced() {
            problemsOf(flag("checkout")
                            .offVariation("nope")
                            .target("maybe", "u1")
                            .rule("r", "true", "perhaps")
                            .fallthroughSplit(split("on", 50, "never", 50)))
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(
                            tuple("/environments/prod/offVariation", ProblemCode.UNKNOWN_VARIATION),
                            tuple("/environments/prod/targets/maybe", ProblemCode.UNKNOWN_VARIATION),
                            tuple("/environments/prod/rules/0/serve", ProblemCode.UNKNOWN_VARIATION),
                            tuple("/environments/prod/fallthrough/split/1/serve", ProblemCode.UNKNOWN_VARIATION));
        }

        @Test
        void weightsNotSummingTo100() {
            assertOnlyProblem(
                    flag("checkout").fallthroughSplit(split("on", 25, "off", 70)),
                    "/environments/prod/fallthrough/split",
                    ProblemCode.WEIGHTS_NOT_100);
        }

        @Test
        void weightWithMoreThanThreeDecimals() {
            assertOnlyProblem(
                    flag("checkout").fallthroughSplit(split("on", 25.0005, "off", 75)),
                    "/environments/prod/fallthrough/split/0/weight",
                    ProblemCode.INVALID_WEIGHT);
        }

        @Test
        void negativeWeight() {
            assertOnlyProblem(
                    flag("checkout").fallthroughSplit(split("on", -10, "off", 100)),
                    "/environments/prod/fallthrough/split/0/weight",
                    ProblemCode.INVALID_WEIGHT);
        }

        @Test
        void weightThatIsNotANumber() {
            assertOnlyProblem(
                    flag("checkout").fallthroughSplit(split("on", "50", "off", 50)),
                    "/environments/prod/fallthrough/split/0/weight",
                    ProblemCode.WRONG_TYPE);
        }

        @Test
        void duplicateRuleIds() {
            assertOnlyProblem(
                    flag("checkout").rule("r", "true", "on").rule("r", "false", "off"),
                    "/environments/prod/rules/1/id",
                    ProblemCode.DUPLICATE_RULE_ID);
        }

        @Test
        void keyTargetedByTwoVariations() {
            assertOnlyProblem(
                    flag("checkout").target("on", "u1").target("off", "u2", "u1"),
                    "/environments/prod/targets/off/1",
                    ProblemCode.DUPLICATE_TARGET);
        }

        @Test
        void serveAndSplitTogether() {
            assertOnlyProblem(
                    flag("checkout")
                            .addRule(pairs("id", "r", "when", "true", "serve", "on", "split", split("on", 100))),
                    "/environments/prod/rules/0",
                    ProblemCode.INVALID_SERVE);
        }

        @Test
        void neitherServeNorSplit() {
            assertOnlyProblem(
                    flag("checkout").addRule(pairs("id", "r", "when", "true")),
                    "/environments/prod/rules/0/serve",
                    ProblemCode.MISSING_FIELD);
        }

        @Test
        void experimentWithoutSplit() {
            assertOnlyProblem(
                    flag("checkout").addRule(pairs("id", "r", "when", "true", "serve", "on", "experiment", true)),
                    "/environments/prod/rules/0/experiment",
                    ProblemCode.INVALID_SERVE);
        }

        @Test
        void emptyCondition() {
            assertOnlyProblem(
                    flag("checkout").rule("r", " ", "on"),
                    "/environments/prod/rules/0/when",
                    ProblemCode.INVALID_VALUE);
        }

        @Test
        void everyProblemIsReportedNotOnlyTheFirst() {
            problemsOf(flag("Bad Key").set("type", "date").set("extra", 1).setInEnvironment("enabled", 3))
                    .extracting(ValidationProblem::path)
                    .containsExactlyInAnyOrder("/key", "/type", "/extra", "/environments/prod/enabled");
        }

        @Test
        void pointerEscapesSlashAndTilde() {
            assertOnlyProblem(flag("checkout").set("a/b~c", 1), "/a~1b~0c", ProblemCode.UNKNOWN_FIELD);
        }
    }

    @Nested
    class SegmentProblems {

        @Test
        void badSegmentKey() {
            assertThat(FlagDocuments.parseSegment(segment("Beta").build()).problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/key", ProblemCode.INVALID_NAME));
        }

        @Test
        void keysThatAreNotStrings() {
            assertThat(FlagDocuments.parseSegment(segment("beta")
                                    .set("included", List.of("a", 2))
                                    .build())
                            .problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/included/1", ProblemCode.WRONG_TYPE));
        }

        @Test
        void unknownSegmentField() {
            assertThat(FlagDocuments.parseSegment(
                                    segment("beta").set("rules", List.of()).build())
                            .problems())
                    .extracting(ValidationProblem::path, ValidationProblem::code)
                    .containsExactly(tuple("/rules", ProblemCode.UNKNOWN_FIELD));
        }
    }
}
