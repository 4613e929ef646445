package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.Set;

/** A string in a list literal of strings, as a hash set. */
final class StringInSet extends Membership {

    private final Set<String> members;

    StringInSet(Operand item, Set<String> members, boolean negated) {
        super(item, negated, Kind.STRING);
        this.members = Set.copyOf(members);
    }

    @Override
    int member(RuleContext ctx) {
        String s = item.string(ctx);
        return s == null ? -1 : of(members.contains(s));
    }
}
