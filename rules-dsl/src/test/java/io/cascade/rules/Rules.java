package io.cascade.rules;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles rules in tests, failing with the rendered diagnostics when one does not compile. */
public final class Rules {

    private Rules() {}

    public static CompiledRule compile(String source) {
        return compile(RuleCompiler.create(), source);
    }

    public static CompiledRule compile(RuleCompiler compiler, String source) {
        CompileResult result = compiler.compile(source);
        assertThat(result.ok())
                .as("%s compiles, but:%n%s", source, result.ok() ? "" : result.render())
                .isTrue();
        return result.rule();
    }

    public static boolean test(String source, RuleContext context) {
        return compile(source).test(context);
    }
}
