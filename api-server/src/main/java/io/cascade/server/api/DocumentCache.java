package io.cascade.server.api;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Definition;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.cascade.server.error.ApiErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses and validates each distinct query text once, and refuses documents deeper or with more
 * fields than the limits (every field, alias and {@code __typename} counts). Clients send the same few queries
 * with different variables, so this removes the largest per-request cost. Bounded: when full it
 * starts over, which keeps hostile streams of unique queries from growing it.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    private static final int MAX_QUERY_LENGTH = 16 * 1024;

    private final int capacity;
    private final int maxDepth;
    private final int maxFields;
    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    DocumentCache(int capacity, int maxDepth, int maxFields) {
        this.capacity = capacity;
        this.maxDepth = maxDepth;
        this.maxFields = maxFields;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > MAX_QUERY_LENGTH) {
            return CompletableFuture.completedFuture(withinLimits(parseAndValidate.apply(input)));
        }
        PreparsedDocumentEntry cached = documents.get(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = withinLimits(parseAndValidate.apply(input));
        if (documents.size() >= capacity) {
            documents.clear();
        }
        documents.put(query, entry);
        return CompletableFuture.completedFuture(entry);
    }

    /**
     * The query's depth and field count, checked once per document instead of traversing it on
     * every execution. Fields inside fragments count wherever the fragment is spread; {@code
     * __typename} and fields under {@code @skip}/{@code @include} count too.
     */
    private PreparsedDocumentEntry withinLimits(PreparsedDocumentEntry entry) {
        if (entry.hasErrors()) {
            return entry;
        }
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> definition : entry.getDocument().getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            }
        }
        Shape shape = new Shape(fragments, maxFields);
        for (Definition<?> definition : entry.getDocument().getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                shape.visit(operation.getSelectionSet(), 1);
            }
        }
        if (shape.depth > maxDepth) {
            return refused(
                    "the query is " + shape.depth + " fields deep, more than the limit of " + maxDepth,
                    "queryDepth",
                    maxDepth);
        }
        if (shape.fields > maxFields) {
            return refused("the query has more than " + maxFields + " fields", "queryFields", maxFields);
        }
        return entry;
    }

    private static PreparsedDocumentEntry refused(String message, String limit, int max) {
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError()
                .message(message)
                .errorType(ErrorResolver.Classification.of(ApiErrorCode.LIMIT_EXCEEDED))
                .extensions(Map.of("code", ApiErrorCode.LIMIT_EXCEEDED.name(), "limit", limit, "max", max))
                .build());
    }

    /** Walks selections with fragments expanded; stops counting once past the field limit. */
    private static final class Shape {
        private final Map<String, FragmentDefinition> fragments;
        private final int stopAt;
        int depth;
        int fields;

        Shape(Map<String, FragmentDefinition> fragments, int maxFields) {
            this.fragments = fragments;
            this.stopAt = maxFields;
        }

        void visit(SelectionSet selections, int level) {
            if (selections == null || fields > stopAt) {
                return;
            }
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    fields++;
                    depth = Math.max(depth, level);
                    visit(field.getSelectionSet(), level + 1);
                } else if (selection instanceof InlineFragment inline) {
                    visit(inline.getSelectionSet(), level);
                } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                    visit(fragments.get(spread.getName()).getSelectionSet(), level);
                }
            }
        }
    }
}
