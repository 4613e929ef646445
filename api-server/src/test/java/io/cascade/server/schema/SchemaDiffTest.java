package io.cascade.server.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.server.schema.SchemaChange.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class SchemaDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return JSON.readValue(text, Map.class);
    }

    private static List<SchemaChange> diff(String before, String after) {
        return SchemaDiff.compare(json(before), json(after));
    }

    @ParameterizedTest(name = "{2}: {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"properties\":{\"a\":{}}}                          | {\"properties\":{}}                                   | PROPERTY_REMOVED         | /a",
                "{\"properties\":{}}                                  | {\"properties\":{\"a\":{}}}                           | PROPERTY_ADDED           | /a",
                "{\"properties\":{}}                                  | {\"properties\":{\"a\":{}},\"required\":[\"a\"]}      | REQUIRED_PROPERTY_ADDED  | /a",
                "{\"properties\":{\"a\":{}}}                          | {\"properties\":{\"a\":{}},\"required\":[\"a\"]}      | REQUIRED_ADDED           | /a",
                "{\"properties\":{\"a\":{}},\"required\":[\"a\"]}     | {\"properties\":{\"a\":{}}}                           | REQUIRED_REMOVED         | /a",
                "{\"type\":[\"string\",\"number\"]}                   | {\"type\":\"string\"}                                 | TYPE_NARROWED            | /",
                "{\"type\":\"string\"}                                | {\"type\":[\"string\",\"null\"]}                      | TYPE_WIDENED             | /",
                "{}                                                   | {\"type\":\"string\"}                                 | TYPE_NARROWED            | /",
                "{\"enum\":[1,2,3]}                                   | {\"enum\":[1,2]}                                      | ENUM_NARROWED            | /",
                "{\"enum\":[1,2]}                                     | {\"enum\":[1,2,3]}                                    | ENUM_WIDENED             | /",
                "{\"maximum\":10}                                     | {\"maximum\":5}                                       | CONSTRAINT_TIGHTENED     | /",
                "{\"maximum\":5}                                      | {\"maximum\":10}                                      | CONSTRAINT_LOOSENED      | /",
                "{\"minLength\":1}                                    | {\"minLength\":3}                                     | CONSTRAINT_TIGHTENED     | /",
                "{}                                                   | {\"additionalProperties\":false}                      | ADDITIONAL_PROPERTIES_FORBIDDEN | /",
                "{\"x-cascade-overridable\":[\"environment\",\"site\"]} | {\"x-cascade-overridable\":[\"environment\"]}       | OVERRIDE_NARROWED        | /",
                "{\"x-cascade-overridable\":[]}                       | {}                                                    | OVERRIDE_WIDENED         | /",
                "{\"items\":{\"type\":\"string\"}}                    | {\"items\":{\"type\":\"integer\"}}                    | TYPE_NARROWED            | /*",
            })
    void classifiesEachKindOfChange(String before, String after, Kind kind, String path) {
        List<SchemaChange> changes = diff(before.trim(), after.trim());

        assertThat(changes)
                .extracting(SchemaChange::kind, SchemaChange::path)
                .contains(org.assertj.core.groups.Tuple.tuple(kind, path));
        assertThat(changes.stream()
                        .filter(c -> c.kind() == kind)
                        .findFirst()
                        .orElseThrow()
                        .breaking())
                .isEqualTo(kind.isBreaking());
    }

    @Test
    void aNewRequiredPropertyWithADefaultIsSafe() {
        assertThat(diff("{\"properties\":{}}", "{\"properties\":{\"a\":{\"default\":1}},\"required\":[\"a\"]}"))
                .extracting(SchemaChange::kind)
                .containsExactly(Kind.PROPERTY_ADDED);
    }

    @Test
    void integerToNumberIsAWidening() {
        assertThat(diff("{\"type\":\"integer\"}", "{\"type\":\"number\"}"))
                .extracting(SchemaChange::kind)
                .containsExactly(Kind.TYPE_WIDENED);
    }

    @Test
    void nestedChangesCarryTheirPath() {
        assertThat(
                        diff(
                                "{\"properties\":{\"db\":{\"properties\":{\"port\":{\"type\":\"integer\"}}}}}",
                                "{\"properties\":{\"db\":{\"properties\":{\"port\":{\"type\":\"integer\",\"maximum\":65535}}}}}"))
                .extracting(SchemaChange::path, SchemaChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/db/port", Kind.CONSTRAINT_TIGHTENED));
    }

    @Test
    void identicalSchemasHaveNoChanges() {
        assertThat(diff(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"enum\":[1]}}}",
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"enum\":[1]}}}"))
                .isEmpty();
    }
}
