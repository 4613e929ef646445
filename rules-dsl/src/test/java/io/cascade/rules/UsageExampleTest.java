package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usage snippet of rules-dsl/README.md and docs/rules-dsl.md, kept compiling. */
class UsageExampleTest {

    @Test
    void compilesOnceAndTestsMany() {
        // --- snippet: usage ---
        RuleCompiler compiler = RuleCompiler.builder()
                .attributeSchema(AttributeSchema.of(Map.of(
                        "plan", AttributeType.STRING,
                        "hostId", AttributeType.STRING)))
                .bucketSalt("new-checkout") // the flag key
                .build();
        CompileResult result = compiler.compile("plan == \"enterprise\" and percent(hostId) < 25");
        if (!result.ok()) {
            System.err.println(result.render()); // line:col: message, the line, a caret
            return;
        }
        CompiledRule rule = result.rule(); // immutable, thread-safe: keep it with the flag
        RuleContext context = TestContext.with("plan", "enterprise").set("hostId", "host-1");
        boolean matched = rule.test(context); // no parsing, boxing or allocation
        Explanation why = rule.explain(context); // allocates: for evaluation details only
        // --- end snippet ---
        assertThat(matched).isEqualTo(Bucketing.bucket("new-checkout", "host-1") < 25_000);
        assertThat(why.matched()).isEqualTo(matched);
    }
}
