package io.cascade.server.api;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.language.Definition;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.cascade.server.error.ApiErrorCode;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses and validates each distinct query text once, and refuses documents with more fields than
 * the limit (every field, alias and {@code __typename} counts). Clients send the same few queries
 * with different variables, so this removes the largest per-request cost. Bounded: when full it
 * starts over, which keeps hostile streams of unique queries from growing it.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    private static final int MAX_QUERY_LENGTH = 16 * 1024;

    private final int capacity;
    private final int maxFields;
    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    DocumentCache(int capacity, int maxFields) {
        this.capacity = capacity;
        this.maxFields = maxFields;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > MAX_QUERY_LENGTH) {
            return CompletableFuture.completedFuture(withinFieldLimit(parseAndValidate.apply(input)));
        }
        PreparsedDocumentEntry cached = documents.get(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = withinFieldLimit(parseAndValidate.apply(input));
        if (documents.size() >= capacity) {
            documents.clear();
        }
        documents.put(query, entry);
        return CompletableFuture.completedFuture(entry);
    }

    private PreparsedDocumentEntry withinFieldLimit(PreparsedDocumentEntry entry) {
        if (entry.hasErrors()) {
            return entry;
        }
        int fields = 0;
        for (Definition<?> definition : entry.getDocument().getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                fields += count(operation.getSelectionSet());
            } else if (definition instanceof FragmentDefinition fragment) {
                fields += count(fragment.getSelectionSet());
            }
        }
        if (fields <= maxFields) {
            return entry;
        }
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError()
                .message("the query has " + fields + " fields, more than the limit of " + maxFields)
                .errorType(ErrorResolver.Classification.of(ApiErrorCode.LIMIT_EXCEEDED))
                .extensions(Map.of("code", ApiErrorCode.LIMIT_EXCEEDED.name(), "limit", "queryFields", "max", maxFields))
                .build());
    }

    private static int count(SelectionSet selections) {
        if (selections == null) {
            return 0;
        }
        int fields = 0;
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                fields += 1 + count(field.getSelectionSet());
            } else if (selection instanceof InlineFragment fragment) {
                fields += count(fragment.getSelectionSet());
            }
        }
        return fields;
    }
}
