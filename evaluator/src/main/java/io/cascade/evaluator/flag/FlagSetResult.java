package io.cascade.evaluator.flag;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link FlagSet#compile}: always a usable set, plus every problem found.
 *
 * <p>The set is usable even when there are problems, so a server or host that loads stored data
 * keeps serving what is valid: a flag whose document is invalid (or uses an invalid segment)
 * evaluates to {@link ErrorCode#PARSE_ERROR}, and an invalid segment has no members. A write path
 * must instead refuse the change when the problems of the written document are not empty.
 *
 * @param flagSet the compiled set
 * @param problems every problem, paths prefixed with {@code /flags/<i>} or {@code /segments/<i>}
 */
public record FlagSetResult(FlagSet flagSet, List<ValidationProblem> problems) {

    public FlagSetResult {
        Objects.requireNonNull(flagSet, "flagSet");
        problems = List.copyOf(problems);
    }

    /** Whether every document is valid. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The problems of flag document {@code index}, paths relative to that document. */
    public List<ValidationProblem> flagProblems(int index) {
        return problemsUnder("/flags/" + index);
    }

    /** The problems of segment document {@code index}, paths relative to that document. */
    public List<ValidationProblem> segmentProblems(int index) {
        return problemsUnder("/segments/" + index);
    }

    private List<ValidationProblem> problemsUnder(String prefix) {
        return problems.stream()
                .filter(p -> p.path().equals(prefix) || p.path().startsWith(prefix + "/"))
                .map(p -> new ValidationProblem(p.path().substring(prefix.length()), p.code(), p.message()))
                .toList();
    }
}
