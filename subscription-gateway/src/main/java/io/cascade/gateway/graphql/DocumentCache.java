package io.cascade.gateway.graphql;

import graphql.ErrorClassification;
import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses and validates each distinct query text once, and refuses documents deeper, with more
 * fields or with more fragments than the limits (every field, alias and {@code __typename} counts,
 * fields in fragments wherever they are spread). The limits are checked on the parsed document
 * before graphql-java validates it, in time proportional to the document: validation expands
 * fragments at every spread, so a long chain of fragments would otherwise take minutes or overflow
 * the stack before any limit was seen. Clients send the same few queries with different
 * variables, so caching removes the largest per-request cost. Bounded: when full it starts over,
 * which keeps hostile streams of unique queries from growing it.
 */
public final class DocumentCache implements PreparsedDocumentProvider {

    /** The code a document over a limit is refused with. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

    private static final int MAX_QUERY_LENGTH = 16 * 1024;

    private final int capacity;
    private final int maxDepth;
    private final int maxFields;
    private final int maxFragments;
    private final ErrorClassification limitExceeded;
    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    /** {@code limitExceeded} classifies the refusals (their {@code extensions.code} is {@value #LIMIT_EXCEEDED}). */
    public DocumentCache(
            int capacity, int maxDepth, int maxFields, int maxFragments, ErrorClassification limitExceeded) {
        this.limitExceeded = limitExceeded;
        this.capacity = capacity;
        this.maxDepth = maxDepth;
        this.maxFields = maxFields;
        this.maxFragments = maxFragments;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > MAX_QUERY_LENGTH) {
            return CompletableFuture.completedFuture(prepare(input, parseAndValidate));
        }
        PreparsedDocumentEntry cached = documents.get(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = prepare(input, parseAndValidate);
        if (documents.size() >= capacity) {
            documents.clear();
        }
        documents.put(query, entry);
        return CompletableFuture.completedFuture(entry);
    }

    /**
     * Parses the query, refuses it if it breaks a limit, and only then lets graphql-java parse and
     * validate it; a query that does not parse goes straight to graphql-java, which reports why.
     */
    private PreparsedDocumentEntry prepare(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        ParseAndValidateResult parsed = ParseAndValidate.parse(input);
        if (parsed.isFailure()) {
            return parseAndValidate.apply(input);
        }
        PreparsedDocumentEntry refused = refusal(parsed.getDocument());
        return refused != null ? refused : parseAndValidate.apply(input);
    }

    /**
     * The query's fragment count, depth and field count, checked once per document instead of
     * traversing it on every execution. Fields inside fragments count wherever the fragment is
     * spread; {@code __typename} and fields under {@code @skip}/{@code @include} count too.
     */
    private PreparsedDocumentEntry refusal(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            }
        }
        if (fragments.size() > maxFragments) {
            return refused(
                    "the query defines " + fragments.size() + " fragments, more than the limit of " + maxFragments,
                    "queryFragments",
                    maxFragments);
        }
        Shape shape = new Shape(fragments, maxFields);
        for (Definition<?> definition : document.getDefinitions()) {
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
        if (shape.spreads > shape.maxSpreads) {
            return refused(
                    "the query spreads fragments more than " + shape.maxSpreads + " times", "queryFields", maxFields);
        }
        return null;
    }

    private PreparsedDocumentEntry refused(String message, String limit, int max) {
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError()
                .message(message)
                .errorType(limitExceeded)
                .extensions(Map.of("code", LIMIT_EXCEEDED, "limit", limit, "max", max))
                .build());
    }

    /**
     * Walks selections with fragments expanded; stops once past the field limit, or past ten
     * fragment spreads per field allowed (spreads of fragments that hold only further spreads
     * count no fields). A fragment already being expanded on the current path is not expanded
     * again (a cycle, which validation then reports), and an unknown one is skipped (validation
     * reports it too).
     */
    private static final class Shape {
        private final Map<String, FragmentDefinition> fragments;
        private final Set<String> expanding = new HashSet<>();
        private final int maxFields;
        final int maxSpreads;
        int depth;
        int fields;
        int spreads;

        Shape(Map<String, FragmentDefinition> fragments, int maxFields) {
            this.fragments = fragments;
            this.maxFields = maxFields;
            this.maxSpreads = 10 * maxFields;
        }

        void visit(SelectionSet selections, int level) {
            if (selections == null || fields > maxFields || spreads > maxSpreads) {
                return;
            }
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    fields++;
                    depth = Math.max(depth, level);
                    visit(field.getSelectionSet(), level + 1);
                } else if (selection instanceof InlineFragment inline) {
                    visit(inline.getSelectionSet(), level);
                } else if (selection instanceof FragmentSpread spread) {
                    spread(spread.getName(), level);
                }
            }
        }

        private void spread(String name, int level) {
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null || !expanding.add(name)) {
                return;
            }
            spreads++;
            visit(fragment.getSelectionSet(), level);
            expanding.remove(name);
        }
    }
}
