package io.cascade.rules.check;

import static io.cascade.rules.check.Type.BOOLEAN;
import static io.cascade.rules.check.Type.DATETIME;
import static io.cascade.rules.check.Type.ERROR;
import static io.cascade.rules.check.Type.LIST;
import static io.cascade.rules.check.Type.NUMBER;
import static io.cascade.rules.check.Type.SEGMENT;
import static io.cascade.rules.check.Type.SEMVER;
import static io.cascade.rules.check.Type.STRING;
import static io.cascade.rules.check.Type.UNKNOWN;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.cascade.rules.AttributeSchema;
import io.cascade.rules.Diagnostic;
import io.cascade.rules.Limits;
import io.cascade.rules.Names;
import io.cascade.rules.ast.And;
import io.cascade.rules.ast.Attribute;
import io.cascade.rules.ast.BooleanLiteral;
import io.cascade.rules.ast.Call;
import io.cascade.rules.ast.Compare;
import io.cascade.rules.ast.DateTimeLiteral;
import io.cascade.rules.ast.Expr;
import io.cascade.rules.ast.ListLiteral;
import io.cascade.rules.ast.Not;
import io.cascade.rules.ast.NumberLiteral;
import io.cascade.rules.ast.Operator;
import io.cascade.rules.ast.Or;
import io.cascade.rules.ast.Printer;
import io.cascade.rules.ast.StringLiteral;
import io.cascade.rules.ast.Visitor;
import io.cascade.rules.internal.IsoDateTime;
import io.cascade.rules.internal.Semver;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a tree against an {@link AttributeSchema}: attributes exist and have the right types,
 * operators get operands they can compare, functions get the right arguments, and date-time,
 * semver and regex literals are valid. Every error is reported, each at the node it concerns; a
 * node already reported does not cause follow-on errors.
 *
 * <p>Stateless and thread-safe.
 */
public final class TypeChecker {

    private static final Set<Type> SCALARS = EnumSet.of(STRING, NUMBER, BOOLEAN, UNKNOWN);
    private static final Set<Type> ORDERED = EnumSet.of(NUMBER, DATETIME, SEMVER, UNKNOWN);
    private static final Set<Type> STRINGS = EnumSet.of(STRING, UNKNOWN);
    private static final Set<Type> CONDITIONS = EnumSet.of(BOOLEAN, UNKNOWN, ERROR);

    private TypeChecker() {}

    /** The checked rule, or the diagnostics (all of them) if the tree has type errors. */
    public record Result(Optional<CheckedRule> rule, List<Diagnostic> diagnostics) {
        public Result {
            Objects.requireNonNull(rule, "rule");
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Checks {@code root}, a whole rule, which must be a condition, within the default {@link Limits}. */
    public static Result check(Expr root, AttributeSchema schema) {
        return check(root, schema, Limits.defaults());
    }

    /** Checks {@code root}, a whole rule, which must be a condition; regex patterns within {@code limits}. */
    public static Result check(Expr root, AttributeSchema schema, Limits limits) {
        Checker checker = new Checker(schema, limits);
        checker.condition(root);
        if (!checker.diagnostics.isEmpty()) {
            return new Result(Optional.empty(), checker.diagnostics);
        }
        CheckedRule rule = new CheckedRule(root, checker.types, checker.instants, checker.patterns);
        return new Result(Optional.of(rule), List.of());
    }

    private static final class Checker implements Visitor<Type> {
        private final AttributeSchema schema;
        private final Limits limits;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final IdentityHashMap<Expr, Type> types = new IdentityHashMap<>();
        private final IdentityHashMap<DateTimeLiteral, Long> instants = new IdentityHashMap<>();
        private final IdentityHashMap<StringLiteral, Pattern> patterns = new IdentityHashMap<>();
        private final IdentityHashMap<ListLiteral, Type> listItemTypes = new IdentityHashMap<>();

        Checker(AttributeSchema schema, Limits limits) {
            this.schema = schema;
            this.limits = limits;
        }

        private Type check(Expr node) {
            Type type = node.accept(this);
            types.put(node, type);
            return type;
        }

        /** A node anywhere but right of {@code in}: lists and segments are not values there. */
        private Type value(Expr node) {
            Type type = check(node);
            if (node instanceof ListLiteral) {
                return error(node, "a list can only follow 'in' or 'not in'");
            }
            if (type == SEGMENT) {
                return error(node, "segment(..) can only follow 'in' or 'not in'");
            }
            return type;
        }

        private void condition(Expr node) {
            Type type = value(node);
            if (!CONDITIONS.contains(type)) {
                error(node, "expected a condition (boolean) but found " + describe(node, type));
            }
        }

        private Type error(Expr node, String message) {
            diagnostics.add(Diagnostic.error(Diagnostic.TYPE_ERROR, node.span(), message));
            return ERROR;
        }

        @Override
        public Type visitString(StringLiteral node) {
            return STRING;
        }

        @Override
        public Type visitNumber(NumberLiteral node) {
            return NUMBER;
        }

        @Override
        public Type visitBoolean(BooleanLiteral node) {
            return BOOLEAN;
        }

        @Override
        public Type visitDateTime(DateTimeLiteral node) {
            long millis = IsoDateTime.parseMillis(node.text());
            if (millis == IsoDateTime.INVALID) {
                return error(
                        node,
                        "invalid date-time @" + node.text()
                                + "; expected ISO-8601 such as @2026-12-01T00:00:00Z or @2026-12-01");
            }
            instants.put(node, millis);
            return DATETIME;
        }

        @Override
        public Type visitList(ListLiteral node) {
            Type itemType = null;
            boolean ok = true;
            for (Expr item : node.elements()) {
                if (!(item instanceof StringLiteral
                        || item instanceof NumberLiteral
                        || item instanceof BooleanLiteral)) {
                    error(
                            item,
                            "list items must be string, number or boolean literals, but found " + describe(item, null));
                    ok = false;
                    continue;
                }
                Type type = check(item);
                if (itemType == null) {
                    itemType = type;
                } else if (type != itemType) {
                    error(item, "list mixes " + itemType.displayName() + " and " + type.displayName() + " items");
                    ok = false;
                }
            }
            if (ok && itemType != null) {
                listItemTypes.put(node, itemType);
            }
            return ok ? LIST : ERROR;
        }

        @Override
        public Type visitAttribute(Attribute node) {
            if (!schema.knows(node.path())) {
                return error(node, "unknown attribute '" + node.path() + "'");
            }
            return schema.type(node.path()).map(Type::of).orElse(UNKNOWN);
        }

        @Override
        public Type visitCall(Call node) {
            switch (node.function()) {
                case "semver":
                    return arity(node, 1) ? semver(node.arguments().get(0)) : ERROR;
                case "segment":
                    return arity(node, 1) ? segment(node.arguments().get(0)) : ERROR;
                case "percent":
                    return arity(node, 1) && attributeArgument(node, STRINGS) ? NUMBER : ERROR;
                case "exists":
                    return arity(node, 1) && attributeArgument(node, null) ? BOOLEAN : ERROR;
                case "now":
                    return arity(node, 0) ? DATETIME : ERROR;
                default:
                    node.arguments().forEach(this::value);
                    return error(
                            node,
                            "unknown function '" + node.function()
                                    + "'; known functions are exists, now, percent, segment, semver");
            }
        }

        private boolean arity(Call node, int expected) {
            int given = node.arguments().size();
            if (given == expected) {
                return true;
            }
            node.arguments().forEach(this::value);
            error(
                    node,
                    node.function() + "() takes " + expected + (expected == 1 ? " argument" : " arguments")
                            + " but was given " + given);
            return false;
        }

        private Type semver(Expr argument) {
            Type type = value(argument);
            if (argument instanceof StringLiteral literal && !Semver.isValid(literal.value())) {
                return error(
                        argument,
                        "invalid semantic version " + Printer.quote(literal.value())
                                + "; expected MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]");
            }
            if (type == ERROR) {
                return ERROR;
            }
            if (!STRINGS.contains(type)) {
                return error(argument, "semver() needs a string, but found " + describe(argument, type));
            }
            return SEMVER;
        }

        private Type segment(Expr argument) {
            if (!(argument instanceof StringLiteral literal)) {
                value(argument);
                return error(argument, "segment() needs a segment name as a string literal, such as segment(\"beta\")");
            }
            check(argument);
            if (!Names.isName(literal.value())) {
                return error(
                        argument,
                        "invalid segment name " + Printer.quote(literal.value()) + "; names match " + Names.NAME_RULE);
            }
            return SEGMENT;
        }

        /** The call's one argument must be an attribute, of one of {@code allowed} types (null: any). */
        private boolean attributeArgument(Call node, Set<Type> allowed) {
            Expr argument = node.arguments().get(0);
            Type type = value(argument);
            if (!(argument instanceof Attribute)) {
                error(argument, node.function() + "() needs an attribute, such as " + node.function() + "(hostId)");
                return false;
            }
            if (type == ERROR) {
                return false;
            }
            if (allowed != null && !allowed.contains(type)) {
                error(argument, node.function() + "() needs a string attribute, but found " + describe(argument, type));
                return false;
            }
            return true;
        }

        @Override
        public Type visitCompare(Compare node) {
            Operator op = node.operator();
            if (op == Operator.IN || op == Operator.NOT_IN) {
                checkIn(node);
                return BOOLEAN;
            }
            Type left = value(node.left());
            Type right = value(node.right());
            if (left == ERROR || right == ERROR) {
                return BOOLEAN;
            }
            switch (op) {
                case EQ:
                case NE:
                    checkEquality(node, left, right);
                    break;
                case CONTAINS:
                    checkContains(node, left, right);
                    break;
                case STARTS_WITH:
                case ENDS_WITH:
                    requireOperand(node.left(), left, STRINGS, "'" + op.symbol() + "' needs strings");
                    requireOperand(node.right(), right, STRINGS, "'" + op.symbol() + "' needs strings");
                    break;
                case MATCHES:
                    checkMatches(node, left);
                    break;
                default:
                    checkOrdering(node, left, right);
                    break;
            }
            return BOOLEAN;
        }

        private void checkEquality(Compare node, Type left, Type right) {
            String op = node.operator().symbol();
            if (left == LIST || right == LIST) {
                error(left == LIST ? node.left() : node.right(), "'" + op + "' cannot compare lists");
                return;
            }
            sameType(node, left, right);
        }

        private void checkOrdering(Compare node, Type left, Type right) {
            String op = "'" + node.operator().symbol() + "'";
            if ((left == SEMVER) != (right == SEMVER) && (STRINGS.contains(left) || STRINGS.contains(right))) {
                sameType(node, left, right);
                return;
            }
            if (isKnownOrdered(left) && !ORDERED.contains(right)) {
                error(
                        node.right(),
                        "expected " + left.displayName() + " after " + op + " but found "
                                + describe(node.right(), right));
                return;
            }
            if (isKnownOrdered(right) && !ORDERED.contains(left)) {
                error(
                        node.left(),
                        "expected " + right.displayName() + " before " + op + " but found "
                                + describe(node.left(), left));
                return;
            }
            String rule = op + " compares numbers, date-times or semantic versions";
            boolean ok = requireOperand(node.left(), left, ORDERED, rule);
            ok &= requireOperand(node.right(), right, ORDERED, rule);
            if (ok) {
                sameType(node, left, right);
            }
        }

        private static boolean isKnownOrdered(Type type) {
            return type != UNKNOWN && ORDERED.contains(type);
        }

        private void sameType(Compare node, Type left, Type right) {
            if (left == right) {
                return;
            }
            if (left == SEMVER || right == SEMVER) {
                error(
                        left == SEMVER ? node.right() : node.left(),
                        "compare semantic versions with semver(..) on both sides, such as semver(v) >= semver(\"2.3.0\")");
                return;
            }
            if (left == UNKNOWN || right == UNKNOWN) {
                return;
            }
            error(
                    node.right(),
                    "expected " + left.displayName() + " after '"
                            + node.operator().symbol() + "' but found " + describe(node.right(), right));
        }

        private void checkContains(Compare node, Type left, Type right) {
            if (left == STRING) {
                requireOperand(node.right(), right, STRINGS, "'contains' on a string needs a string");
                return;
            }
            if (left == LIST || left == UNKNOWN) {
                requireOperand(
                        node.right(), right, SCALARS, "'contains' needs a string, number or boolean on the right");
                return;
            }
            error(
                    node.left(),
                    "'contains' needs a string or a list on the left, but found " + describe(node.left(), left));
        }

        private void checkMatches(Compare node, Type left) {
            requireOperand(node.left(), left, STRINGS, "'matches' needs a string on the left");
            Expr right = node.right();
            if (!(right instanceof StringLiteral literal)) {
                error(
                        right,
                        "'matches' needs a string literal pattern on the right, but found "
                                + describe(right, types.get(right)));
                return;
            }
            long size = RegexProgramSize.of(literal.value());
            if (size > limits.maxRegexProgramSize()) {
                diagnostics.add(Diagnostic.error(
                        Diagnostic.LIMIT_EXCEEDED,
                        right.span(),
                        "regular expression compiles to about " + size + " instructions, more than the limit of "
                                + limits.maxRegexProgramSize() + " (maxRegexProgramSize)"));
                return;
            }
            try {
                patterns.put(literal, Pattern.compile(literal.value()));
            } catch (PatternSyntaxException e) {
                error(right, "invalid regular expression: " + e.getMessage());
            }
        }

        private void checkIn(Compare node) {
            String op = "'" + node.operator().symbol() + "'";
            Type left = value(node.left());
            Expr right = node.right();
            Type rightType = check(right);
            if (left == ERROR || rightType == ERROR) {
                return;
            }
            if (rightType == SEGMENT) {
                requireOperand(node.left(), left, STRINGS, "segment membership needs a string on the left");
                return;
            }
            boolean listAttribute = right instanceof Attribute && (rightType == LIST || rightType == UNKNOWN);
            if (!(right instanceof ListLiteral) && !listAttribute) {
                error(
                        right,
                        op + " needs a list, a list attribute or segment(\"name\") on the right, but found "
                                + describe(right, rightType));
                return;
            }
            if (!requireOperand(node.left(), left, SCALARS, op + " needs a string, number or boolean on the left")) {
                return;
            }
            Type itemType = right instanceof ListLiteral list ? listItemTypes.get(list) : null;
            if (itemType != null && left != UNKNOWN && left != itemType) {
                error(
                        node.left(),
                        "expected " + itemType.displayName() + " before " + op + " (the list holds "
                                + itemType.displayName() + "s) but found " + describe(node.left(), left));
            }
        }

        private boolean requireOperand(Expr node, Type type, Set<Type> allowed, String rule) {
            if (type == ERROR || allowed.contains(type)) {
                return type != ERROR;
            }
            error(node, rule + ", but found " + describe(node, type));
            return false;
        }

        @Override
        public Type visitAnd(And node) {
            node.operands().forEach(this::condition);
            return BOOLEAN;
        }

        @Override
        public Type visitOr(Or node) {
            node.operands().forEach(this::condition);
            return BOOLEAN;
        }

        @Override
        public Type visitNot(Not node) {
            condition(node.operand());
            return BOOLEAN;
        }
    }

    private static String describe(Expr node, Type type) {
        if (node instanceof Attribute attribute) {
            String path = "attribute '" + attribute.path() + "'";
            return type == null || type == UNKNOWN || type == ERROR ? path : path + " (" + type.displayName() + ")";
        }
        if (node instanceof StringLiteral literal) {
            return "string " + Printer.quote(literal.value());
        }
        if (node instanceof NumberLiteral literal) {
            return "number " + Printer.number(literal.value());
        }
        if (node instanceof BooleanLiteral literal) {
            return "boolean " + literal.value();
        }
        if (node instanceof DateTimeLiteral literal) {
            return "date-time @" + literal.text();
        }
        if (node instanceof ListLiteral) {
            return "a list";
        }
        if (node instanceof Call call) {
            return call.function() + "(..)" + (type == null || type == ERROR ? "" : " (" + type.displayName() + ")");
        }
        return "a condition";
    }
}
