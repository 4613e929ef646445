package io.cascade.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class MergePatchTest {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    /** The examples of RFC 7396, appendix A. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}                 | {\"a\":\"c\"}             | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                 | {\"b\":\"c\"}             | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                 | {\"a\":null}              | {}",
        "{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}              | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}               | {\"a\":\"c\"}             | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                 | {\"a\":[\"b\"]}           | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}               | {\"a\":[1]}",
        "[\"a\",\"b\"]                 | [\"c\",\"d\"]             | [\"c\",\"d\"]",
        "{\"a\":\"b\"}                 | [\"c\"]                   | [\"c\"]",
        "{\"a\":\"foo\"}               | null                      | null",
        "{\"a\":\"foo\"}               | \"bar\"                   | \"bar\"",
        "{\"e\":null}                  | {\"a\":1}                 | {\"e\":null,\"a\":1}",
        "[1,2]                         | {\"a\":\"b\",\"c\":null}  | {\"a\":\"b\"}",
        "{}                            | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
    })
    void followsRfc7396(String target, String patch, String expected) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @Nested
    class Inputs {

        @Test
        void areNotModified() {
            JsonNode target = json("{\"pool\":{\"size\":10}}");
            JsonNode patch = json("{\"pool\":{\"size\":null,\"timeout\":5}}");
            JsonNode result = MergePatch.apply(target, patch);
            assertThat(result).isEqualTo(json("{\"pool\":{\"timeout\":5}}"));
            assertThat(target).isEqualTo(json("{\"pool\":{\"size\":10}}"));
            assertThat(patch).isEqualTo(json("{\"pool\":{\"size\":null,\"timeout\":5}}"));
        }
    }
}
