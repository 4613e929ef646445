package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import java.util.Arrays;

/** A number in a list literal of numbers: binary search over sorted doubles, nothing boxed. */
final class NumberInSet extends Membership {

    private final double[] sorted;

    NumberInSet(Operand item, double[] members, boolean negated) {
        super(item, negated, Kind.NUMBER);
        double[] copy = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            copy[i] = members[i] + 0.0;
        }
        Arrays.sort(copy);
        this.sorted = copy;
    }

    @Override
    int member(RuleContext ctx) {
        double x = item.number(ctx);
        if (Double.isNaN(x)) {
            return -1;
        }
        return of(Arrays.binarySearch(sorted, x + 0.0) >= 0);
    }
}
