package io.cascade.gateway.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code JSON} and {@code DateTime} scalars. A JSON literal keeps its numbers as {@link
 * ExactNumbers} says, as the request body does for variables.
 */
public final class Scalars {

    private Scalars() {}

    public static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("Any JSON value.")
            .coercing(new JsonCoercing())
            .build();

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An ISO-8601 instant.")
            .coercing(new DateTimeCoercing())
            .build();

    private static final class JsonCoercing implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return literal(input, variables);
        }

        private static Object literal(Value<?> input, CoercedVariables variables) {
            if (input instanceof NullValue) {
                return null;
            }
            if (input instanceof StringValue string) {
                return string.getValue();
            }
            if (input instanceof BooleanValue bool) {
                return bool.isValue();
            }
            if (input instanceof IntValue integer) {
                return narrow(integer.getValue());
            }
            if (input instanceof FloatValue decimal) {
                Double kept = ExactNumbers.keep(decimal.getValue());
                if (kept == null) {
                    throw new CoercingParseLiteralException("number " + decimal.getValue() + " cannot be kept exactly: "
                            + ExactNumbers.whyNot(decimal.getValue()));
                }
                return kept;
            }
            if (input instanceof EnumValue enumValue) {
                return enumValue.getName();
            }
            if (input instanceof ArrayValue array) {
                List<Object> list = new ArrayList<>();
                for (Value<?> item : array.getValues()) {
                    list.add(literal(item, variables));
                }
                return list;
            }
            if (input instanceof ObjectValue object) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (ObjectField field : object.getObjectFields()) {
                    map.put(field.getName(), literal(field.getValue(), variables));
                }
                return map;
            }
            if (input instanceof VariableReference reference) {
                return variables.get(reference.getName());
            }
            throw new CoercingParseLiteralException(
                    "not a JSON value: " + input.getClass().getSimpleName());
        }

        private static Object narrow(BigInteger value) {
            if (value.bitLength() < 32) {
                return value.intValue();
            }
            if (value.bitLength() < 64) {
                return value.longValue();
            }
            return value;
        }
    }

    private static final class DateTimeCoercing implements Coercing<Instant, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return instant.toString();
            }
            throw new CoercingSerializeException(
                    "not an instant: " + value.getClass().getSimpleName());
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            try {
                return Instant.parse(String.valueOf(input));
            } catch (DateTimeParseException e) {
                throw new CoercingParseValueException("expected an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
        }

        @Override
        public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue string) {
                try {
                    return Instant.parse(string.getValue());
                } catch (DateTimeParseException e) {
                    throw new CoercingParseLiteralException(
                            "expected an ISO-8601 instant such as 2026-01-01T00:00:00Z");
                }
            }
            throw new CoercingParseLiteralException("expected an ISO-8601 instant string");
        }
    }
}
