package io.cascade.rules.compile;

import io.cascade.rules.RuleContext;
import io.cascade.rules.ast.Operator;
import java.util.List;

/** A comparison of two operands read as one {@link Kind}. */
abstract class Binary extends Node {

    final Operand left;
    final Operator op;
    final Operand right;
    private final Kind kind;

    Binary(Operand left, Operator op, Operand right, Kind kind) {
        this.left = left;
        this.op = op;
        this.right = right;
        this.kind = kind;
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        left.note(ctx, kind, notes);
        right.note(ctx, kind, notes);
    }

    @Override
    boolean foldable() {
        return left.isConstant() && right.isConstant();
    }

    /** Whether {@code op} holds for a three-way comparison result. */
    static boolean holds(Operator op, int comparison) {
        switch (op) {
            case EQ:
                return comparison == 0;
            case NE:
                return comparison != 0;
            case LT:
                return comparison < 0;
            case LE:
                return comparison <= 0;
            case GT:
                return comparison > 0;
            case GE:
                return comparison >= 0;
            default:
                return false;
        }
    }
}
