package io.cascade.server.api;

import io.cascade.server.auth.Actor;
import io.cascade.server.auth.AuthFilter;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Hands the authenticated {@link Actor} from the HTTP request to the GraphQL context as {@code actor}. */
@Component
class ActorInterceptor implements WebGraphQlInterceptor {

    static final String ACTOR = "actor";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object actor = request.getAttributes().get(AuthFilter.ACTOR);
        if (actor instanceof Actor) {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(Map.of(ACTOR, actor)).build());
        }
        return chain.next(request);
    }
}
