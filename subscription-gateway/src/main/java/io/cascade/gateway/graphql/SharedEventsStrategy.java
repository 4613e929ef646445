package io.cascade.gateway.graphql;

import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLObjectType;
import io.cascade.gateway.hub.SharedMessages;
import io.cascade.gateway.hub.SubscriptionHub;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * graphql-java's subscription strategy, except that a hub value is completed once per selection,
 * not once per subscriber: the first subscriber of a group to receive a value completes it as
 * graphql-java would, and every other subscriber selecting the same fields gets that same object
 * (and so, through {@link SharedMessages}, the same JSON text).
 *
 * <p>NOTES. A selection is shared by its printed text. One that reads variables or named fragments
 * (whose meaning the text alone does not fix) is never shared, nor is a completion that raised
 * errors or finished asynchronously: those take graphql-java's path for every subscriber, so what a
 * subscriber receives is always exactly what graphql-java would have sent it.
 */
public final class SharedEventsStrategy extends SubscriptionExecutionStrategy {

    /** Marks a selection that cannot be shared. */
    private static final String UNSHARED = "";

    private final SharedMessages shared;
    /** Printed selections by the field node of a parsed document (held only as long as the document). */
    private final Map<Field, String> selections = Collections.synchronizedMap(new WeakHashMap<>());

    public SharedEventsStrategy(DataFetcherExceptionHandler exceptionHandler, SharedMessages shared) {
        super(exceptionHandler);
        this.shared = shared;
    }

    @Override
    protected Object completeValueForObject(
            ExecutionContext executionContext,
            ExecutionStrategyParameters parameters,
            GraphQLObjectType resolvedObjectType,
            Object result) {
        if (!(result instanceof SubscriptionHub.Revisioned)) {
            return super.completeValueForObject(executionContext, parameters, resolvedObjectType, result);
        }
        String selection = selection(parameters.getField());
        if (selection == null) {
            return super.completeValueForObject(executionContext, parameters, resolvedObjectType, result);
        }
        String key = resolvedObjectType.getName() + selection;
        Object known = shared.completed(result, key);
        if (known != null) {
            return known;
        }
        int errors = executionContext.getErrors().size();
        Object completed = super.completeValueForObject(executionContext, parameters, resolvedObjectType, result);
        if (!(completed instanceof Map<?, ?>) || executionContext.getErrors().size() != errors) {
            return completed;
        }
        return shared.share(result, key, completed);
    }

    /** The printed selection of the field, or null when it may not be shared. */
    private String selection(MergedField field) {
        StringBuilder out = new StringBuilder();
        for (Field node : field.getFields()) {
            String printed = selections.computeIfAbsent(node, SharedEventsStrategy::print);
            if (printed.equals(UNSHARED)) {
                return null;
            }
            out.append(printed);
        }
        return out.toString();
    }

    private static String print(Field field) {
        SelectionSet selectionSet = field.getSelectionSet();
        if (selectionSet == null || !selfContained(selectionSet)) {
            return UNSHARED;
        }
        String printed = AstPrinter.printAstCompact(selectionSet);
        return printed.indexOf('$') >= 0 ? UNSHARED : printed;
    }

    /** Whether the selection's meaning is all in its text: no named fragments anywhere in it. */
    private static boolean selfContained(SelectionSet selectionSet) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof FragmentSpread) {
                return false;
            }
            SelectionSet nested = selection instanceof Field field
                    ? field.getSelectionSet()
                    : selection instanceof InlineFragment fragment ? fragment.getSelectionSet() : null;
            if (nested != null && !selfContained(nested)) {
                return false;
            }
        }
        return true;
    }
}
