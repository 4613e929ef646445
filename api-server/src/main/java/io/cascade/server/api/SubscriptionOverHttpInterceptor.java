package io.cascade.server.api;

import graphql.GraphqlErrorBuilder;
import io.cascade.server.error.ApiErrorCode;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A subscription sent over plain HTTP gets {@code BAD_REQUEST}, pointing at the WebSocket endpoint:
 * subscriptions are served over graphql-transport-ws only. The stream it would have opened is never
 * subscribed to.
 */
@Component
class SubscriptionOverHttpInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            if (!(response.getExecutionResult().getData() instanceof Publisher<?>)) {
                return response;
            }
            return response.transform(builder -> builder.data(null)
                    .errors(List.of(GraphqlErrorBuilder.newError()
                            .message("subscriptions are served over WebSocket (graphql-transport-ws) on /graphql, "
                                    + "not over HTTP POST")
                            .errorType(ErrorResolver.Classification.of(ApiErrorCode.BAD_REQUEST))
                            .extensions(Map.of("code", ApiErrorCode.BAD_REQUEST.name()))
                            .build())));
        });
    }
}
