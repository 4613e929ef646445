package io.cascade.rules.ast;

/** A value written in the source. */
public sealed interface Literal extends Expr
        permits StringLiteral, NumberLiteral, BooleanLiteral, DateTimeLiteral, ListLiteral {}
