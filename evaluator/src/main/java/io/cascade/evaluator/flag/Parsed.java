package io.cascade.evaluator.flag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading one document: the value when the document is valid, and every problem found.
 *
 * @param value present exactly when {@code problems} is empty
 * @param problems every problem, paths relative to the document
 */
public record Parsed<T>(Optional<T> value, List<ValidationProblem> problems) {

    public Parsed {
        Objects.requireNonNull(value, "value");
        problems = List.copyOf(problems);
        if (value.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a value exactly when there are no problems");
        }
    }

    /** Whether the document is valid. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
