package io.cascade.rules.compile;

import com.google.re2j.Pattern;
import io.cascade.rules.RuleContext;
import java.util.List;

/** {@code s matches "re"}: an RE2/J search (anchor with ^ and $), linear in the input. */
final class Matches extends Node {

    private final Operand subject;
    private final Pattern pattern;

    Matches(Operand subject, Pattern pattern) {
        this.subject = subject;
        this.pattern = pattern;
    }

    @Override
    boolean test(RuleContext ctx) {
        String s = subject.string(ctx);
        return s != null && pattern.matcher(s).find();
    }

    @Override
    void note(RuleContext ctx, List<String> notes) {
        subject.note(ctx, Kind.STRING, notes);
    }

    @Override
    boolean foldable() {
        return subject.isConstant();
    }
}
