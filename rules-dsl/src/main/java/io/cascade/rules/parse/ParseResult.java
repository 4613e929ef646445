package io.cascade.rules.parse;

import io.cascade.rules.Diagnostic;
import io.cascade.rules.ast.Expr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AstBuilder#parse} found: the tree, unless the source has syntax errors, and the
 * diagnostics. A tree can come with diagnostics (a list over the item limit), so a caller can go on
 * to report type errors too.
 */
public record ParseResult(Optional<Expr> expr, List<Diagnostic> diagnostics) {

    public ParseResult {
        Objects.requireNonNull(expr, "expr");
        diagnostics = List.copyOf(diagnostics);
        if (expr.isEmpty() && diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a parse without a tree needs a diagnostic");
        }
    }

    static ParseResult failed(List<Diagnostic> diagnostics) {
        return new ParseResult(Optional.empty(), diagnostics);
    }
}
