package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;

/** {@code exists(attr)}. */
final class Exists extends Node {

    private final AttributeOperand attribute;

    Exists(AttributeOperand attribute) {
        this.attribute = attribute;
    }

    @Override
    boolean test(RuleContext ctx) {
        return attribute.value(ctx) != null;
    }
}
