package io.cascade.rules.compile;

import io.cascade.rules.CompiledRule;
import io.cascade.rules.Explanation;
import io.cascade.rules.RuleContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@link CompiledRule} the compiler produces: a tree of {@link Node}s. */
final class CompiledTree implements CompiledRule {

    private final Node root;
    private final LeafConjunction leaves;
    private final String source;
    private final Set<String> segments;
    private final Set<String> attributes;

    CompiledTree(Node root, String source, Set<String> segments, Set<String> attributes) {
        this.root = root;
        this.leaves = root instanceof LeafConjunction conjunction ? conjunction : null;
        this.source = source;
        this.segments = Collections.unmodifiableSet(new LinkedHashSet<>(segments));
        this.attributes = Collections.unmodifiableSet(new LinkedHashSet<>(attributes));
    }

    @Override
    public boolean test(RuleContext context) {
        // the most common root gets a call the JIT can always inline
        return leaves != null ? leaves.test(context) : root.test(context);
    }

    @Override
    public Explanation explain(RuleContext context) {
        List<String> notes = new ArrayList<>();
        boolean matched = root.explain(context, notes);
        return new Explanation(matched, new ArrayList<>(new LinkedHashSet<>(notes)));
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Set<String> segments() {
        return segments;
    }

    @Override
    public Set<String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "CompiledRule[" + source + "]";
    }
}
