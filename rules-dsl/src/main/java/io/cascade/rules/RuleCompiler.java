package io.cascade.rules;

import io.cascade.rules.check.CheckedRule;
import io.cascade.rules.check.TypeChecker;
import io.cascade.rules.compile.TreeCompiler;
import io.cascade.rules.parse.AstBuilder;
import io.cascade.rules.parse.ParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compiles rule source into a {@link CompiledRule}: parse, type-check, compile. Bad source comes
 * back as {@link Diagnostic}s in the {@link CompileResult}, never as an exception.
 *
 * <pre>{@code
 * RuleCompiler compiler = RuleCompiler.builder()
 *         .attributeSchema(AttributeSchema.of(Map.of("plan", AttributeType.STRING)))
 *         .bucketSalt("new-checkout")
 *         .build();
 * CompileResult result = compiler.compile("plan == \"enterprise\" and percent(hostId) < 25");
 * }</pre>
 *
 * <p>Immutable and thread-safe, so one compiler can serve any number of threads, unless it was
 * given a shared {@linkplain Builder#layout layout} to fill.
 */
public final class RuleCompiler {

    private static final Comparator<Diagnostic> SOURCE_ORDER = Comparator.comparingInt(
                    (Diagnostic d) -> d.span().start())
            .thenComparingInt(d -> d.span().end());

    private final AttributeSchema schema;
    private final Limits limits;
    private final String bucketSalt;
    private final AttributeLayout.Builder layout;

    private RuleCompiler(Builder builder) {
        this.schema = builder.schema;
        this.limits = builder.limits;
        this.bucketSalt = builder.bucketSalt;
        this.layout = builder.layout;
    }

    /** A compiler with an untyped schema, default limits and the empty bucket salt. */
    public static RuleCompiler create() {
        return builder().build();
    }

    /** A builder starting from {@link #create()}'s settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Compiles {@code source}; never throws for bad source. */
    public CompileResult compile(String source) {
        Objects.requireNonNull(source, "source");
        ParseResult parsed = AstBuilder.parse(source, limits);
        if (parsed.expr().isEmpty()) {
            return CompileResult.failed(source, parsed.diagnostics());
        }
        TypeChecker.Result checked = TypeChecker.check(parsed.expr().get(), schema, limits);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        diagnostics.addAll(checked.diagnostics());
        if (!diagnostics.isEmpty()) {
            diagnostics.sort(SOURCE_ORDER);
            return CompileResult.failed(source, diagnostics);
        }
        CheckedRule rule = checked.rule().orElseThrow();
        if (layout == null) {
            return CompileResult.of(TreeCompiler.compile(rule, source, bucketSalt));
        }
        return CompileResult.of(TreeCompiler.compile(rule, source, bucketSalt, layout));
    }

    /** The schema attributes are checked against. */
    public AttributeSchema attributeSchema() {
        return schema;
    }

    /** The bounds on source size, depth, list length and regex program size. */
    public Limits limits() {
        return limits;
    }

    /** The salt {@code percent(attr)} buckets under. */
    public String bucketSalt() {
        return bucketSalt;
    }

    /** A builder seeded with this compiler's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder().attributeSchema(schema).limits(limits).bucketSalt(bucketSalt);
        builder.layout = layout;
        return builder;
    }

    /** Configures a {@link RuleCompiler}. Not thread-safe. */
    public static final class Builder {
        private AttributeSchema schema = AttributeSchema.untyped();
        private Limits limits = Limits.defaults();
        private String bucketSalt = "";
        private AttributeLayout.Builder layout;

        private Builder() {}

        /** The attributes rules may read; default {@link AttributeSchema#untyped()}. */
        public Builder attributeSchema(AttributeSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Bounds on the source; default {@link Limits#defaults()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The salt for {@code percent(attr)}: {@code Bucketing.bucket(salt, value) / 1000.0}. Use
         * the flag key, as splits do, so a rule's percentage matches the flag's rollout. Default
         * {@code ""}.
         */
        public Builder bucketSalt(String bucketSalt) {
            this.bucketSalt = Objects.requireNonNull(bucketSalt, "bucketSalt");
            return this;
        }

        /**
         * Compiles every rule into this shared layout, so that contexts laid out by it are read by
         * slot and symbol (see {@link AttributeLayout}). Without one, each rule gets a layout of its
         * own and reads attributes by path. A compiler with a layout writes to it: use it from one
         * thread, and build the layout when every rule is compiled.
         */
        public Builder layout(AttributeLayout.Builder layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public RuleCompiler build() {
            return new RuleCompiler(this);
        }
    }
}
