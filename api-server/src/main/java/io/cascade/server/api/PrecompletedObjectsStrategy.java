package io.cascade.server.api;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * graphql-java's default strategy, except that a {@link PrecompletedObject} selected with plain
 * fields (aliases allowed; no fragments, directives or arguments) is answered from its values in one
 * step. Completing an object field by field costs graphql-java a fetch, an execution step and the
 * instrumentation callbacks per field, which for answers made of many small objects (the 23 leaf
 * sources of an {@code explain}, the flags of {@code evaluateFlags}) was most of the request. Any
 * other selection, and a null in a non-null field, takes the default path, so the answer and its
 * errors are exactly what graphql-java would give.
 */
final class PrecompletedObjectsStrategy extends AsyncExecutionStrategy {

    PrecompletedObjectsStrategy(DataFetcherExceptionHandler exceptionHandler) {
        super(exceptionHandler);
    }

    @Override
    protected Object completeValueForObject(
            ExecutionContext executionContext,
            ExecutionStrategyParameters parameters,
            GraphQLObjectType resolvedObjectType,
            Object result) {
        if (result instanceof PrecompletedObject object) {
            Map<String, Object> completed = complete(parameters.getField(), resolvedObjectType, object);
            if (completed != null) {
                return completed;
            }
        }
        return super.completeValueForObject(executionContext, parameters, resolvedObjectType, result);
    }

    /** The object as the answer carries it, or null when the selection needs the default path. */
    static Map<String, Object> complete(MergedField field, GraphQLObjectType type, PrecompletedObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field parent : field.getFields()) {
            SelectionSet selections = parent.getSelectionSet();
            if (selections == null) {
                return null;
            }
            for (Selection<?> selection : selections.getSelections()) {
                if (!(selection instanceof Field sub) || !isPlain(sub)) {
                    return null;
                }
                Object value = value(sub.getName(), type, object);
                if (value == PrecompletedObject.NOT_PRECOMPLETED) {
                    return null;
                }
                out.putIfAbsent(sub.getResultKey(), value);
            }
        }
        return out;
    }

    private static boolean isPlain(Field field) {
        return field.getDirectives().isEmpty()
                && field.getArguments().isEmpty()
                && (field.getSelectionSet() == null
                        || field.getSelectionSet().getSelections().isEmpty());
    }

    private static Object value(String name, GraphQLObjectType type, PrecompletedObject object) {
        if (name.equals("__typename")) {
            return type.getName();
        }
        GraphQLFieldDefinition definition = type.getFieldDefinition(name);
        if (definition == null) {
            return PrecompletedObject.NOT_PRECOMPLETED;
        }
        Object value = object.fieldValue(name);
        if (value == null && definition.getType() instanceof GraphQLNonNull) {
            return PrecompletedObject.NOT_PRECOMPLETED;
        }
        return value;
    }
}
