package io.cascade.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.execution.SchemaMappingInspector;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.test.context.TestPropertySource;

/**
 * The schema and the controllers fit: every field of the schema has a controller method or a
 * property of the Java type behind it, and every controller method has its field. The server
 * reports the same inspection at start ({@code spring.graphql.schema.inspection.enabled}).
 */
@SpringBootTest
@TestPropertySource(properties = "cascade.data-dir=${java.io.tmpdir}/cascade-schema-it-${random.uuid}")
class SchemaMappingIT {

    @Autowired
    GraphQlSource graphQl;

    @Autowired
    List<RuntimeWiringConfigurer> configurers;

    @Value("${spring.graphql.schema.inspection.enabled}")
    boolean inspectedAtStart;

    @Test
    void everySchemaFieldIsMappedAndEveryControllerMethodHasItsField() {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        configurers.forEach(configurer -> configurer.configure(wiring));

        SchemaReport report = SchemaMappingInspector.inspect(graphQl.schema(), wiring.build());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(report.unmappedFields()).as("unmapped fields").isEmpty();
        soft.assertThat(report.unmappedRegistrations())
                .as("controller methods without a field")
                .isEmpty();
        soft.assertThat(report.unmappedArguments()).as("unmapped arguments").isEmpty();
        soft.assertThat(report.fieldNullnessErrors()).as("field nullness").isEmpty();
        soft.assertThat(report.argumentNullnessErrors()).as("argument nullness").isEmpty();
        soft.assertThat(report.skippedTypes())
                .as("types the inspection could not check")
                .isEmpty();
        soft.assertAll();
        assertThat(inspectedAtStart).isTrue();
    }
}
