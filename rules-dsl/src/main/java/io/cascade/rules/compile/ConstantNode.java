package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;

/** A condition folded at compile time. */
final class ConstantNode extends Node {

    static final ConstantNode TRUE = new ConstantNode(true);
    static final ConstantNode FALSE = new ConstantNode(false);

    private final boolean value;

    private ConstantNode(boolean value) {
        this.value = value;
    }

    static ConstantNode of(boolean value) {
        return value ? TRUE : FALSE;
    }

    boolean value() {
        return value;
    }

    @Override
    boolean test(RuleContext ctx) {
        return value;
    }

    @Override
    boolean foldable() {
        return true;
    }
}
