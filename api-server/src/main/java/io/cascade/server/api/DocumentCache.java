package io.cascade.server.api;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses and validates each distinct query text once. Clients send the same few queries with
 * different variables, so this removes the largest per-request cost. Bounded: when full it starts
 * over, which keeps hostile streams of unique queries from growing it.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    private static final int MAX_QUERY_LENGTH = 16 * 1024;

    private final int capacity;
    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    DocumentCache(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > MAX_QUERY_LENGTH) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        PreparsedDocumentEntry cached = documents.get(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (documents.size() >= capacity) {
            documents.clear();
        }
        documents.put(query, entry);
        return CompletableFuture.completedFuture(entry);
    }
}
