package io.cascade.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.cascade.gateway.hub.SharedMessages;
import io.cascade.gateway.hub.SubscriptionHub.ResolvedConfigView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

class SharedEventsStrategyTest {

    private static final String SDL = """
            scalar JSON
            type Query { unused: Int }
            type Subscription { configChanged(hostId: String): ResolvedConfig! }
            type ResolvedConfig { namespace: String! revision: Int! scope: JSON! config: JSON! }
            """;

    private final ResolvedConfigView first = new ResolvedConfigView("shop", 1, Map.of(), Map.of("limit", 1));
    private final ResolvedConfigView second = new ResolvedConfigView("shop", 2, Map.of(), Map.of("limit", 2));
    private final SharedMessages shared = new SharedMessages();
    private final GraphQL graphQl = GraphQL.newGraphQL(schema())
            .subscriptionExecutionStrategy(new SharedEventsStrategy(new SimpleDataFetcherExceptionHandler(), shared))
            .build();

    private GraphQLSchema schema() {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(Scalars.JSON)
                .type("Subscription", type -> type.dataFetcher("configChanged", env -> Flux.just(first, second)))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
    }

    private List<Object> rootValues(String query, Map<String, Object> variables) {
        ExecutionResult result = graphQl.execute(
                ExecutionInput.newExecutionInput(query).variables(variables).build());
        assertThat(result.getErrors()).isEmpty();
        Publisher<ExecutionResult> events = result.getData();
        return Flux.from(events)
                .map(event -> {
                    Map<String, Object> data = event.getData();
                    return data.values().iterator().next();
                })
                .collectList()
                .block();
    }

    @Test
    void subscribersSelectingTheSameFieldsGetTheSameCompletedObjectWhateverTheirArguments() {
        List<Object> one = rootValues("subscription { configChanged(hostId: \"a\") { revision config } }", Map.of());
        List<Object> other = rootValues("subscription { configChanged(hostId: \"b\") { revision config } }", Map.of());

        assertThat(one).hasSize(2);
        assertThat(other.get(0)).isSameAs(one.get(0));
        assertThat(other.get(1)).isSameAs(one.get(1));
        assertThat(one.get(1)).isEqualTo(Map.of("revision", 2, "config", Map.of("limit", 2)));
    }

    @Test
    void anotherSelectionIsCompletedForItself() {
        List<Object> one = rootValues("subscription { configChanged { revision config } }", Map.of());
        List<Object> other = rootValues("subscription { configChanged { revision } }", Map.of());

        assertThat(other.get(0)).isNotSameAs(one.get(0)).isEqualTo(Map.of("revision", 1));
    }

    @Test
    void aSelectionThatReadsVariablesIsNeverShared() {
        String query = "subscription($with: Boolean!) { configChanged { revision config @include(if: $with) } }";
        List<Object> with = rootValues(query, Map.of("with", true));
        List<Object> without = rootValues(query, Map.of("with", false));

        assertThat(with.get(0)).isEqualTo(Map.of("revision", 1, "config", Map.of("limit", 1)));
        assertThat(without.get(0)).isEqualTo(Map.of("revision", 1));
        assertThat(rootValues(query, Map.of("with", true)).get(0)).isNotSameAs(with.get(0));
    }

    @Test
    void aSelectionWithANamedFragmentIsNeverShared() {
        String query = "subscription { configChanged { ...Fields } } fragment Fields on ResolvedConfig { revision }";
        List<Object> one = rootValues(query, Map.of());
        List<Object> other = rootValues(query, Map.of());

        assertThat(one.get(0)).isEqualTo(Map.of("revision", 1)).isNotSameAs(other.get(0));
    }

    @Test
    void theSharedObjectIsWrittenAsJsonOnce() {
        List<Object> one = rootValues("subscription { configChanged { revision } }", Map.of());

        assertThat(shared.text(one.get(0), object -> "{\"revision\":1}")).isEqualTo("{\"revision\":1}");
        assertThat(shared.text(one.get(0), object -> "written again")).isEqualTo("{\"revision\":1}");
    }
}
