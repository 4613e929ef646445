package io.cascade.server.namespace;

import io.cascade.evaluator.flag.ProblemCode;
import io.cascade.evaluator.flag.ValidationProblem;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.Violation;
import java.util.List;
import java.util.Map;

/**
 * Refuses flag and segment documents with problems: {@code DSL_SYNTAX_ERROR} when a rule does not
 * compile, {@code LIMIT_EXCEEDED} (with {@code limit: rule}) when one breaks a rule limit, {@code
 * VALIDATION_FAILED} otherwise; every problem is listed in {@code violations} with its JSON
 * Pointer and code, and a rule limit's violation message names the limit.
 */
public final class DocumentProblems {

    private DocumentProblems() {}

    public static void refuseIfAny(String what, List<ValidationProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        List<Violation> violations = problems.stream()
                .map(problem ->
                        Violation.inDocument(problem.path(), problem.code().name(), problem.message()))
                .toList();
        ApiErrorCode code = codeOf(problems);
        ValidationProblem first = problems.get(0);
        String message =
                what + " has " + problems.size() + " problem(s); first: " + first.path() + ": " + first.message();
        Map<String, Object> details = code == ApiErrorCode.LIMIT_EXCEEDED ? Map.of("limit", "rule") : Map.of();
        throw new CascadeException(code, message, details, violations);
    }

    private static ApiErrorCode codeOf(List<ValidationProblem> problems) {
        boolean dsl = problems.stream()
                .anyMatch(p -> p.code() == ProblemCode.DSL_SYNTAX_ERROR || p.code() == ProblemCode.DSL_TYPE_ERROR);
        if (dsl) {
            return ApiErrorCode.DSL_SYNTAX_ERROR;
        }
        boolean limit = problems.stream().anyMatch(p -> p.code() == ProblemCode.LIMIT_EXCEEDED);
        return limit ? ApiErrorCode.LIMIT_EXCEEDED : ApiErrorCode.VALIDATION_FAILED;
    }
}
