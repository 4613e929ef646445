package io.cascade.server.observability;

import static io.cascade.server.observability.TelemetryAttributes.NAMESPACE;
import static io.cascade.server.observability.TelemetryAttributes.OPERATION_NAME;
import static io.cascade.server.observability.TelemetryAttributes.OPERATION_TYPE;
import static io.cascade.server.observability.TelemetryAttributes.OUTCOME;
import static io.cascade.server.observability.TelemetryAttributes.REQUEST_ID;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.DataFetcher;
import io.cascade.server.auth.Actor;
import io.cascade.server.error.GraphQlErrorCodes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One span per GraphQL operation, plus the request counter and duration histogram.
 *
 * <p>NOTES: the span starts before parsing ({@code beginExecution}) under the name {@code
 * graphql.request} and is renamed {@code graphql.<type> <operation name or first field>} once the
 * operation is known. It is made current only inside non-trivial data fetchers, opened and closed
 * on the fetching thread, so store calls made there become its children and no scope ever leaks
 * to a pooled thread. Attributes hold the operation's type, name, namespace, outcome code and
 * request id; never the query text, variables, arguments other than the namespace, or messages.
 */
final class GraphQlTelemetry extends SimplePerformantInstrumentation {

    static final String UNNAMED_SPAN = "graphql.request";

    /** The GraphQL context key under which the API puts the {@link Actor}. */
    private static final String ACTOR = "actor";

    private static final Set<String> FIELDS_NAMING_A_NAMESPACE_BY_NAME = Set.of("createNamespace", "namespace");
    private static final Set<String> VALIDATION_CODES = Set.of("VALIDATION_FAILED", "ILLEGAL_OVERRIDE");

    private final Tracer tracer;
    private final CascadeMetrics metrics;

    GraphQlTelemetry(Tracer tracer, CascadeMetrics metrics) {
        this.tracer = tracer;
        this.metrics = metrics;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Operation();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (!(state instanceof Operation operation)) {
            return SimpleInstrumentationContext.noOp();
        }
        Span span =
                tracer.spanBuilder(UNNAMED_SPAN).setSpanKind(SpanKind.SERVER).startSpan();
        String requestId = requestId(parameters);
        if (requestId != null) {
            span.setAttribute(REQUEST_ID, requestId);
        }
        operation.start(span, Context.current().with(span));
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> finish(operation, result, failure));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof Operation operation && operation.span != null) {
            describe(operation, parameters.getExecutionContext());
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (parameters.isTrivialDataFetcher() || !(state instanceof Operation operation) || operation.span == null) {
            return fetcher;
        }
        ExecutionStepInfo step = parameters.getExecutionStepInfo();
        if (step.getPath().getLevel() == 1) {
            operation.topLevelField(step.getPath().getSegmentName(), namespaceArgument(step));
        }
        Context context = operation.context;
        return environment -> {
            Scope scope = context.makeCurrent();
            try {
                return fetcher.get(environment);
            } finally {
                scope.close();
            }
        };
    }

    private static void describe(Operation operation, ExecutionContext execution) {
        OperationDefinition definition = execution.getOperationDefinition();
        String type = definition.getOperation().name().toLowerCase(Locale.ROOT);
        String name = definition.getName();
        operation.type = type;
        operation.span.setAttribute(OPERATION_TYPE, type);
        if (name != null && !name.isEmpty()) {
            operation.span.setAttribute(OPERATION_NAME, name);
        }
        String label = name != null && !name.isEmpty() ? name : firstField(definition);
        operation.span.updateName("graphql." + type + (label == null ? "" : " " + label));
    }

    private static String firstField(OperationDefinition definition) {
        if (definition.getSelectionSet() == null) {
            return null;
        }
        for (Selection<?> selection : definition.getSelectionSet().getSelections()) {
            if (selection instanceof Field field) {
                return field.getName();
            }
        }
        return null;
    }

    private static String namespaceArgument(ExecutionStepInfo step) {
        Map<String, Object> arguments = step.getArguments();
        if (arguments.get("namespace") instanceof String namespace) {
            return namespace;
        }
        if (FIELDS_NAMING_A_NAMESPACE_BY_NAME.contains(step.getFieldDefinition().getName())
                && arguments.get("name") instanceof String name) {
            return name;
        }
        return null;
    }

    private static String requestId(InstrumentationExecutionParameters parameters) {
        if (parameters.getGraphQLContext() == null) {
            return null;
        }
        Object actor = parameters.getGraphQLContext().get(ACTOR);
        return actor instanceof Actor known ? known.requestId() : null;
    }

    private void finish(Operation operation, ExecutionResult result, Throwable failure) {
        Span span = operation.span;
        List<GraphQLError> errors = result == null ? List.of() : result.getErrors();
        String outcome = failure != null
                ? "INTERNAL_SERVER_ERROR"
                : errors.isEmpty() ? TelemetryAttributes.OK : code(errors.get(0));
        String namespace = operation.namespace;
        if (namespace != null) {
            span.setAttribute(NAMESPACE, namespace);
        }
        span.setAttribute(OUTCOME, outcome);
        if (!TelemetryAttributes.OK.equals(outcome)) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
        for (GraphQLError error : errors) {
            String code = code(error);
            if (VALIDATION_CODES.contains(code)) {
                metrics.validationFailed(code, operation.namespaceOf(error));
            }
        }
        metrics.graphQlExecuted(operation.type, outcome, (System.nanoTime() - operation.startNanos) / 1_000_000.0);
    }

    static String code(GraphQLError error) {
        return GraphQlErrorCodes.codeOf(error).name();
    }

    /** What one execution has learnt so far; written by the executing threads. */
    private static final class Operation implements InstrumentationState {

        private final Map<String, String> namespaceByResultKey = new ConcurrentHashMap<>();
        private volatile Span span;
        private volatile Context context;
        private volatile long startNanos;
        private volatile String type = "unknown";
        private volatile String namespace;

        void start(Span span, Context context) {
            this.startNanos = System.nanoTime();
            this.span = span;
            this.context = context;
        }

        void topLevelField(String resultKey, String fieldNamespace) {
            if (fieldNamespace == null) {
                return;
            }
            namespaceByResultKey.put(resultKey, fieldNamespace);
            if (namespace == null) {
                namespace = fieldNamespace;
            }
        }

        String namespaceOf(GraphQLError error) {
            List<Object> path = error.getPath();
            if (path != null && !path.isEmpty() && path.get(0) instanceof String key) {
                String fieldNamespace = namespaceByResultKey.get(key);
                if (fieldNamespace != null) {
                    return fieldNamespace;
                }
            }
            return namespace;
        }
    }
}
