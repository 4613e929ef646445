package io.cascade.server.api;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import io.cascade.server.store.StoreHealth;
import org.springframework.stereotype.Component;

/**
 * Mutations and the store: while the store is down every mutation field is refused with {@code
 * STORE_UNAVAILABLE} before its controller runs, so a writer never waits behind another that is
 * stuck on the store. Marks each mutation request in its GraphQL context ({@link #writes}), so the
 * durability barrier knows which answers acknowledge a write.
 */
@Component
class MutationGate extends SimplePerformantInstrumentation {

    private static final String WRITES = MutationGate.class.getName() + ".writes";

    private final StoreHealth store;

    MutationGate(StoreHealth store) {
        this.store = store;
    }

    /** Whether the request this context belongs to ran a mutation. */
    static boolean writes(GraphQLContext context) {
        return Boolean.TRUE.equals(context.get(WRITES));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (isMutation(execution)) {
            execution.getGraphQLContext().put(WRITES, Boolean.TRUE);
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (store.isUp()
                || parameters.getExecutionStepInfo().getPath().getLevel() != 1
                || !isMutation(parameters.getExecutionContext())) {
            return fetcher;
        }
        return environment -> {
            throw StoreHealth.unavailable("the store is unavailable: nothing was written; try again later");
        };
    }

    private static boolean isMutation(ExecutionContext execution) {
        return execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION;
    }
}
