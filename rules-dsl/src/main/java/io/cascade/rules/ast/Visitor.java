package io.cascade.rules.ast;

/** One method per kind of {@link Expr}; adding a kind breaks every visitor at compile time. */
public interface Visitor<R> {
    R visitString(StringLiteral node);

    R visitNumber(NumberLiteral node);

    R visitBoolean(BooleanLiteral node);

    R visitDateTime(DateTimeLiteral node);

    R visitList(ListLiteral node);

    R visitAttribute(Attribute node);

    R visitCall(Call node);

    R visitCompare(Compare node);

    R visitAnd(And node);

    R visitOr(Or node);

    R visitNot(Not node);
}
