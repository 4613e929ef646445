package io.cascade.rules.compile;

import io.cascade.rules.AttributeLayout;
import io.cascade.rules.CompiledRule;
import io.cascade.rules.RuleContext;
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
import io.cascade.rules.ast.StringLiteral;
import io.cascade.rules.ast.Visitor;
import io.cascade.rules.check.CheckedRule;
import io.cascade.rules.check.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checked tree to {@link CompiledRule}. Chooses a specialised node per comparison from the checked
 * types, folds constant subtrees ({@code 1 < 2}, {@code true and x} becomes {@code x}), turns list
 * literals into hash sets or sorted arrays, and uses the patterns and instants the checker
 * prepared. The result is immutable and thread-safe.
 */
public final class TreeCompiler {

    private TreeCompiler() {}

    /**
     * Compiles a checked rule.
     *
     * @param source the source the rule came from, kept for {@link CompiledRule#source()}
     * @param bucketSalt the salt {@code percent(attr)} buckets under
     */
    public static CompiledRule compile(CheckedRule rule, String source, String bucketSalt) {
        AttributeLayout.Builder layout = AttributeLayout.builder();
        CompiledRule compiled = compile(rule, source, bucketSalt, layout);
        layout.build();
        return compiled;
    }

    /**
     * Compiles a checked rule into {@code layout}: its attributes get slots there and its string
     * literals symbols, so contexts laid out by that layout are read by slot.
     */
    public static CompiledRule compile(
            CheckedRule rule, String source, String bucketSalt, AttributeLayout.Builder layout) {
        Builder builder = new Builder(rule, bucketSalt, layout);
        Node root = builder.condition(rule.root());
        return new CompiledTree(root, source, builder.segments, builder.attributes);
    }

    /** Stands in for a context when folding: a constant node must never read it. */
    private static final RuleContext NO_CONTEXT = new RuleContext() {
        @Override
        public Object attribute(String path) {
            throw new IllegalStateException("a constant read attribute " + path);
        }

        @Override
        public long nowMillis() {
            throw new IllegalStateException("a constant read the clock");
        }

        @Override
        public boolean inSegment(String segment, String value) {
            throw new IllegalStateException("a constant read segment " + segment);
        }
    };

    private static final class Builder implements Visitor<Node> {
        private final CheckedRule rule;
        private final String salt;
        private final AttributeLayout.Builder layout;
        private final Set<String> segments = new LinkedHashSet<>();
        private final Set<String> attributes = new LinkedHashSet<>();

        Builder(CheckedRule rule, String salt, AttributeLayout.Builder layout) {
            this.rule = rule;
            this.salt = salt;
            this.layout = layout;
        }

        Node condition(Expr expr) {
            Node node = expr.accept(this);
            if (node.foldable() && !(node instanceof ConstantNode)) {
                return ConstantNode.of(node.test(NO_CONTEXT));
            }
            return node;
        }

        private Operand operand(Expr expr) {
            if (expr instanceof StringLiteral s) {
                return ConstantOperand.of(s.value());
            }
            if (expr instanceof NumberLiteral n) {
                return ConstantOperand.of(n.value());
            }
            if (expr instanceof BooleanLiteral b) {
                return ConstantOperand.of(b.value());
            }
            if (expr instanceof DateTimeLiteral d) {
                return ConstantOperand.ofMillis(rule.epochMillis(d));
            }
            if (expr instanceof Attribute a) {
                return attribute(a);
            }
            if (expr instanceof Call call) {
                return callOperand(call);
            }
            return new ConditionOperand(condition(expr));
        }

        private AttributeOperand attribute(Attribute attribute) {
            attributes.add(attribute.path());
            return new AttributeOperand(
                    attribute.path(), attribute.span(), layout.layout(), layout.slot(attribute.path()));
        }

        private Operand callOperand(Call call) {
            switch (call.function()) {
                case "semver":
                    return operand(call.arguments().get(0));
                case "percent":
                    return new PercentOperand(
                            attribute((Attribute) call.arguments().get(0)), salt);
                case "now":
                    return new NowOperand();
                default:
                    return new ConditionOperand(condition(call));
            }
        }

        @Override
        public Node visitAttribute(Attribute node) {
            return new Truth(attribute(node));
        }

        @Override
        public Node visitBoolean(BooleanLiteral node) {
            return ConstantNode.of(node.value());
        }

        @Override
        public Node visitCall(Call node) {
            if (node.function().equals("exists")) {
                return new Exists(attribute((Attribute) node.arguments().get(0)));
            }
            throw notACondition(node);
        }

        @Override
        public Node visitCompare(Compare node) {
            Operator op = node.operator();
            if (op == Operator.IN || op == Operator.NOT_IN) {
                return membership(node, op == Operator.NOT_IN);
            }
            Operand left = operand(node.left());
            Operand right = operand(node.right());
            Type leftType = rule.type(node.left());
            switch (op) {
                case MATCHES:
                    return new Matches(left, rule.pattern((StringLiteral) node.right()));
                case CONTAINS:
                    return contains(leftType, left, right);
                case STARTS_WITH:
                case ENDS_WITH:
                    return new StringComparison(left, op, right);
                default:
                    Type type = leftType != Type.UNKNOWN ? leftType : rule.type(node.right());
                    Node withConstant = attributeAgainstConstant(type, left, op, right);
                    return withConstant != null ? withConstant : comparison(type, left, op, right);
            }
        }

        /** A node specialised for an attribute compared with a literal, or null when there is none. */
        private Node attributeAgainstConstant(Type type, Operand left, Operator op, Operand right) {
            if (left instanceof AttributeOperand attribute && right instanceof ConstantOperand constant) {
                return attributeAgainstConstant(type, attribute, op, constant);
            }
            if (right instanceof AttributeOperand attribute && left instanceof ConstantOperand constant) {
                return attributeAgainstConstant(type, attribute, mirrored(op), constant);
            }
            return null;
        }

        private Node attributeAgainstConstant(
                Type type, AttributeOperand attribute, Operator op, ConstantOperand constant) {
            boolean equality = op == Operator.EQ || op == Operator.NE;
            if (type == Type.STRING && equality && constant.constantString() != null) {
                int[] symbols = {layout.symbol(constant.constantString())};
                return new SymbolInSet(attribute, symbols, op == Operator.NE);
            }
            if (type == Type.NUMBER && Double.isFinite(constant.constantNumber())) {
                return NumberInRange.of(attribute, op, constant.constantNumber());
            }
            return null;
        }

        private static Operator mirrored(Operator op) {
            switch (op) {
                case LT:
                    return Operator.GT;
                case LE:
                    return Operator.GE;
                case GT:
                    return Operator.LT;
                case GE:
                    return Operator.LE;
                default:
                    return op;
            }
        }

        private static Node contains(Type leftType, Operand left, Operand right) {
            if (leftType == Type.STRING) {
                return new StringComparison(left, Operator.CONTAINS, right);
            }
            if (leftType == Type.LIST) {
                return new InListAttribute(right, left, false);
            }
            return new DynamicContains(left, right);
        }

        private static Node comparison(Type type, Operand left, Operator op, Operand right) {
            switch (type) {
                case NUMBER:
                    return new NumberComparison(left, op, right);
                case STRING:
                    return new StringComparison(left, op, right);
                case BOOLEAN:
                    return new BooleanComparison(left, op, right);
                case DATETIME:
                    return new TimeComparison(left, op, right);
                case SEMVER:
                    return new SemverComparison(left, op, right);
                default:
                    return new DynamicComparison(left, op, right);
            }
        }

        private Node membership(Compare node, boolean negated) {
            Operand item = operand(node.left());
            Expr right = node.right();
            if (right instanceof ListLiteral list) {
                return inList(item, rule.type(node.left()), list.elements(), negated);
            }
            if (right instanceof Call call) {
                String segment = ((StringLiteral) call.arguments().get(0)).value();
                segments.add(segment);
                return new InSegment(item, segment, negated);
            }
            return new InListAttribute(item, operand(right), negated);
        }

        private Node inList(Operand item, Type itemType, List<Expr> elements, boolean negated) {
            Expr first = elements.isEmpty() ? null : elements.get(0);
            if (first instanceof NumberLiteral || (first == null && itemType == Type.NUMBER)) {
                double[] numbers = new double[elements.size()];
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = ((NumberLiteral) elements.get(i)).value();
                }
                return new NumberInSet(item, numbers, negated);
            }
            if (first instanceof BooleanLiteral || (first == null && itemType == Type.BOOLEAN)) {
                boolean hasTrue = false;
                boolean hasFalse = false;
                for (Expr element : elements) {
                    boolean value = ((BooleanLiteral) element).value();
                    hasTrue |= value;
                    hasFalse |= !value;
                }
                return new BooleanInSet(item, hasTrue, hasFalse, negated);
            }
            Set<String> strings = new LinkedHashSet<>();
            for (Expr element : elements) {
                strings.add(((StringLiteral) element).value());
            }
            if (item instanceof AttributeOperand attribute) {
                int[] symbols = strings.stream().mapToInt(layout::symbol).toArray();
                return new SymbolInSet(attribute, symbols, negated);
            }
            return new StringInSet(item, strings, negated);
        }

        @Override
        public Node visitAnd(And node) {
            List<Node> operands = new ArrayList<>();
            for (Expr operand : node.operands()) {
                Node compiled = condition(operand);
                if (compiled == ConstantNode.FALSE) {
                    return ConstantNode.FALSE;
                }
                if (compiled != ConstantNode.TRUE) {
                    operands.add(compiled);
                }
            }
            return junction(operands, ConstantNode.TRUE, true);
        }

        @Override
        public Node visitOr(Or node) {
            List<Node> operands = new ArrayList<>();
            for (Expr operand : node.operands()) {
                Node compiled = condition(operand);
                if (compiled == ConstantNode.TRUE) {
                    return ConstantNode.TRUE;
                }
                if (compiled != ConstantNode.FALSE) {
                    operands.add(compiled);
                }
            }
            return junction(operands, ConstantNode.FALSE, false);
        }

        private static Node junction(List<Node> operands, ConstantNode empty, boolean all) {
            if (operands.isEmpty()) {
                return empty;
            }
            if (operands.size() == 1) {
                return operands.get(0);
            }
            if (all) {
                LeafConjunction leaves = LeafConjunction.of(operands);
                return leaves != null ? leaves : new AllOf(operands.toArray(new Node[0]));
            }
            return new AnyOf(operands.toArray(new Node[0]));
        }

        @Override
        public Node visitNot(Not node) {
            Node operand = condition(node.operand());
            if (operand instanceof ConstantNode constant) {
                return ConstantNode.of(!constant.value());
            }
            return new Negation(operand);
        }

        @Override
        public Node visitString(StringLiteral node) {
            throw notACondition(node);
        }

        @Override
        public Node visitNumber(NumberLiteral node) {
            throw notACondition(node);
        }

        @Override
        public Node visitDateTime(DateTimeLiteral node) {
            throw notACondition(node);
        }

        @Override
        public Node visitList(ListLiteral node) {
            throw notACondition(node);
        }

        private static IllegalStateException notACondition(Expr node) {
            return new IllegalStateException("the type checker let through a non-condition: " + node);
        }
    }
}
