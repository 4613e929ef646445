package io.cascade.rules.check;

import com.google.re2j.Pattern;
import io.cascade.rules.ast.DateTimeLiteral;
import io.cascade.rules.ast.Expr;
import io.cascade.rules.ast.StringLiteral;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A tree that passed the type checker, with side tables keyed by node identity: the type of every
 * node, the instant of every date-time literal and the compiled pattern of every {@code matches}
 * literal. The tree itself is not changed.
 */
public final class CheckedRule {

    private final Expr root;
    private final Map<Expr, Type> types;
    private final Map<DateTimeLiteral, Long> instants;
    private final Map<StringLiteral, Pattern> patterns;

    CheckedRule(
            Expr root,
            IdentityHashMap<Expr, Type> types,
            IdentityHashMap<DateTimeLiteral, Long> instants,
            IdentityHashMap<StringLiteral, Pattern> patterns) {
        this.root = root;
        this.types = Collections.unmodifiableMap(types);
        this.instants = Collections.unmodifiableMap(instants);
        this.patterns = Collections.unmodifiableMap(patterns);
    }

    /** The checked tree. */
    public Expr root() {
        return root;
    }

    /** The type of a node of this tree. */
    public Type type(Expr node) {
        Type type = types.get(node);
        if (type == null) {
            throw new IllegalArgumentException("not a node of this tree: " + node);
        }
        return type;
    }

    /** The epoch milliseconds of a date-time literal of this tree. */
    public long epochMillis(DateTimeLiteral node) {
        Long millis = instants.get(node);
        if (millis == null) {
            throw new IllegalArgumentException("not a date-time literal of this tree: " + node);
        }
        return millis;
    }

    /** The compiled pattern of a {@code matches} literal of this tree. */
    public Pattern pattern(StringLiteral node) {
        Pattern pattern = patterns.get(node);
        if (pattern == null) {
            throw new IllegalArgumentException("not a pattern of this tree: " + node);
        }
        return pattern;
    }
}
