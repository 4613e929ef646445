package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;
import io.cascade.rules.internal.Semver;

/** {@code semver(a) op semver(b)}: both read in place, in SemVer order. */
final class SemverComparison extends Binary {

    SemverComparison(Operand left, Operator op, Operand right) {
        super(left, op, right, Kind.SEMVER);
    }

    @Override
    boolean test(RuleContext ctx) {
        String a = left.string(ctx);
        if (a == null || !Semver.isValid(a)) {
            return false;
        }
        String b = right.string(ctx);
        if (b == null || !Semver.isValid(b)) {
            return false;
        }
        return holds(op, Semver.compare(a, b));
    }
}
