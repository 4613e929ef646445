package io.cascade.rules.ast;

/** The comparison operators, with their source spelling. */
public enum Operator {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    IN("in"),
    NOT_IN("not in"),
    CONTAINS("contains"),
    STARTS_WITH("startsWith"),
    ENDS_WITH("endsWith"),
    MATCHES("matches");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written in rule source. */
    public String symbol() {
        return symbol;
    }

    /** Whether this is one of {@code < <= > >=}. */
    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }
}
