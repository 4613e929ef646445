package io.cascade.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of {@link RuleCompiler#compile}: either a {@link CompiledRule} or a non-empty list
 * of {@link Diagnostic}s, never both.
 */
public final class CompileResult {

    private final String source;
    private final CompiledRule rule;
    private final List<Diagnostic> diagnostics;

    private CompileResult(String source, CompiledRule rule, List<Diagnostic> diagnostics) {
        this.source = source;
        this.rule = rule;
        this.diagnostics = diagnostics;
    }

    /** A successful compilation. */
    public static CompileResult of(CompiledRule rule) {
        Objects.requireNonNull(rule, "rule");
        return new CompileResult(rule.source(), rule, List.of());
    }

    /** A failed compilation of {@code source}; {@code diagnostics} must not be empty. */
    public static CompileResult failed(String source, List<Diagnostic> diagnostics) {
        Objects.requireNonNull(source, "source");
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a failed compilation needs at least one diagnostic");
        }
        return new CompileResult(source, null, List.copyOf(diagnostics));
    }

    /** Whether the source compiled. */
    public boolean ok() {
        return rule != null;
    }

    /**
     * The compiled rule.
     *
     * @throws IllegalStateException if the source did not compile; check {@link #ok()} first
     */
    public CompiledRule rule() {
        if (rule == null) {
            throw new IllegalStateException("rule did not compile:\n" + render());
        }
        return rule;
    }

    /** The compiled rule, or empty if the source did not compile. */
    public Optional<CompiledRule> ruleIfOk() {
        return Optional.ofNullable(rule);
    }

    /** What is wrong with the source, in source order; empty when {@link #ok()}. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The source that was compiled. */
    public String source() {
        return source;
    }

    /** Every diagnostic {@linkplain Diagnostic#render rendered} against the source, one after another. */
    public String render() {
        return diagnostics.stream().map(d -> d.render(source)).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return ok() ? "CompileResult[ok: " + source + "]" : "CompileResult[" + diagnostics + "]";
    }
}
