package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.CompiledRule;
import io.cascade.rules.Conjunction;
import io.cascade.rules.Explanation;
import io.cascade.rules.RuleContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@link CompiledRule} the compiler produces: a tree of {@link Node}s. */
final class CompiledTree implements CompiledRule {

    private final Node root;
    private final LeafConjunction leaves;
    private final String source;
    private final Set<String> segments;
    private final Set<String> attributes;
    private final Conjunction conjunction;

    CompiledTree(Node root, String source, Set<String> segments, Set<String> attributes) {
        this.root = root;
        this.leaves = root instanceof LeafConjunction conjunction ? conjunction : null;
        this.source = source;
        this.segments = Collections.unmodifiableSet(new LinkedHashSet<>(segments));
        this.attributes = Collections.unmodifiableSet(new LinkedHashSet<>(attributes));
        this.conjunction = conjunctionOf(root);
    }

    /** The root as a conjunction of slot conditions of one layout, or null when it is not one. */
    private static Conjunction conjunctionOf(Node root) {
        List<Conjunction.Condition> conditions = new ArrayList<>();
        AttributeLayout[] layout = new AttributeLayout[1];
        return collect(root, conditions, layout) && layout[0] != null ? new Conjunction(layout[0], conditions) : null;
    }

    private static boolean collect(Node node, List<Conjunction.Condition> out, AttributeLayout[] layout) {
        if (node instanceof LeafConjunction leaves) {
            return collect(leaves.original(), out, layout);
        }
        if (node instanceof AllOf all) {
            for (Node operand : all.operands()) {
                if (!collect(operand, out, layout)) {
                    return false;
                }
            }
            return true;
        }
        AttributeOperand attribute;
        Conjunction.Condition condition;
        if (node instanceof SymbolInSet set) {
            attribute = set.attribute();
            condition = new Conjunction.SymbolIn(attribute.slot(), set.symbols(), set.negated());
        } else if (node instanceof NumberInRange range) {
            attribute = range.attribute();
            condition = new Conjunction.NumberIn(attribute.slot(), range.low(), range.high(), range.negated());
        } else if (node instanceof InSegment segment && segment.item instanceof AttributeOperand item) {
            attribute = item;
            condition = new Conjunction.InSegment(item.slot(), segment.segment(), segment.negated());
        } else {
            return false;
        }
        if (layout[0] != null && layout[0] != attribute.layout()) {
            return false;
        }
        layout[0] = attribute.layout();
        out.add(condition);
        return true;
    }

    @Override
    public Optional<Conjunction> conjunction() {
        return Optional.ofNullable(conjunction);
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
