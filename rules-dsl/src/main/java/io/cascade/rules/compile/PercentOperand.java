package io.cascade.rules.compile;

import io.cascade.rules.Bucketing;
import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code percent(attr)}: the attribute's bucket under the rule's salt, as a number in [0, 100). */
final class PercentOperand extends Operand {

    private static final double BUCKETS_PER_PERCENT = Bucketing.BUCKETS / 100.0;

    private final AttributeOperand attribute;
    private final String salt;

    PercentOperand(AttributeOperand attribute, String salt) {
        this.attribute = attribute;
        this.salt = salt;
    }

    @Override
    Object value(RuleContext ctx) {
        return null;
    }

    @Override
    double number(RuleContext ctx) {
        String key = attribute.string(ctx);
        return key == null ? Double.NaN : Bucketing.bucket(salt, key) / BUCKETS_PER_PERCENT;
    }

    @Override
    void note(RuleContext ctx, Kind wanted, List<String> notes) {
        attribute.note(ctx, Kind.STRING, notes);
    }
}
