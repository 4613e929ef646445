package io.cascade.server.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.store.Durability;
import io.cascade.server.store.StoreHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds every GraphQL answer until what the request wrote is durable: an acknowledged write
 * survives a crash of the process, or of the machine, the moment after. A request that wrote
 * nothing passes straight through; several mutations in one request share one sync.
 *
 * <p>When the store cannot be reached to sync, a mutation's answer is replaced by {@code
 * STORE_UNAVAILABLE} (what it wrote may or may not have been kept), while a query is answered from
 * memory as if nothing had happened: it acknowledges no write.
 */
@Component
class DurabilityInterceptor implements WebGraphQlInterceptor {

    private static final String UNKNOWN_OUTCOME = "the store became unavailable before the write was confirmed durable;"
            + " it may or may not have been kept: read the namespace's revision before trying again";

    private final Durability durability;

    DurabilityInterceptor(Durability durability) {
        this.durability = durability;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            try {
                durability.await();
                return response;
            } catch (RuntimeException e) {
                if (!StoreHealth.isOutage(e)) {
                    throw e;
                }
                boolean acknowledgesWrite =
                        MutationGate.writes(response.getExecutionInput().getGraphQLContext())
                                && response.getExecutionResult().getData() != null;
                if (!acknowledgesWrite) {
                    return response;
                }
                return unconfirmed(response);
            }
        });
    }

    private static WebGraphQlResponse unconfirmed(WebGraphQlResponse response) {
        List<GraphQLError> errors =
                new ArrayList<>(response.getExecutionResult().getErrors());
        errors.add(GraphqlErrorBuilder.newError()
                .message(UNKNOWN_OUTCOME)
                .errorType(ErrorResolver.Classification.of(ApiErrorCode.STORE_UNAVAILABLE))
                .extensions(Map.of("code", ApiErrorCode.STORE_UNAVAILABLE.name()))
                .build());
        return response.transform(builder -> builder.data(null).errors(errors));
    }
}
