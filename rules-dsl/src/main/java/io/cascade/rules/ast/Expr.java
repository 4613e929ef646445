package io.cascade.rules.ast;

import io.cascade.rules.Span;

/** A node of a rule's syntax tree. Immutable; equality includes spans (see {@link #withoutSpans()}). */
public sealed interface Expr permits Literal, Attribute, Call, Compare, And, Or, Not {

    /** Where the node is in the source. */
    Span span();

    /** Dispatches to the visitor method for this node's kind. */
    <R> R accept(Visitor<R> visitor);

    /** This tree with every span replaced by {@link Span#NONE}, for comparing shapes. */
    Expr withoutSpans();
}
