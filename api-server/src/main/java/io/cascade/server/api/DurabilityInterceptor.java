package io.cascade.server.api;

import io.cascade.server.store.Durability;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds every GraphQL answer until what the request wrote is durable: an acknowledged write
 * survives a crash of the process, or of the machine, the moment after. A request that wrote
 * nothing passes straight through; several mutations in one request share one sync.
 */
@Component
class DurabilityInterceptor implements WebGraphQlInterceptor {

    private final Durability durability;

    DurabilityInterceptor(Durability durability) {
        this.durability = durability;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            durability.await();
            return response;
        });
    }
}
