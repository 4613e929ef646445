package io.cascade.evaluator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergeTest {

    /** RFC 7396, Appendix A: every example, verbatim. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":\"b\"}                | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
                "{\"a\":\"b\"}                | {\"b\":\"c\"}                    | {\"a\":\"b\",\"b\":\"c\"}",
                "{\"a\":\"b\"}                | {\"a\":null}                     | {}",
                "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}                     | {\"b\":\"c\"}",
                "{\"a\":[\"b\"]}              | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
                "{\"a\":\"c\"}                | {\"a\":[\"b\"]}                  | {\"a\":[\"b\"]}",
                "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
                "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                      | {\"a\":[1]}",
                "[\"a\",\"b\"]                | [\"c\",\"d\"]                    | [\"c\",\"d\"]",
                "{\"a\":\"b\"}                | [\"c\"]                          | [\"c\"]",
                "{\"a\":\"foo\"}              | null                             | null",
                "{\"a\":\"foo\"}              | \"bar\"                          | \"bar\"",
                "{\"e\":null}                 | {\"a\":1}                        | {\"e\":null,\"a\":1}",
                "[1,2]                        | {\"a\":\"b\",\"c\":null}         | {\"a\":\"b\"}",
                "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}}  | {\"a\":{\"bb\":{}}}",
            })
    void appliesEveryRfc7396AppendixExample(String original, String patch, String expected) {
        Object result = JsonMerge.apply(JsonText.parse(original.trim()), JsonText.parse(patch.trim()));

        assertThat(JsonText.write(result)).isEqualTo(JsonText.write(JsonText.parse(expected.trim())));
    }

    @Test
    void leavesItsArgumentsUnchanged() {
        Map<String, Object> target = JsonText.object("{\"a\":{\"b\":1}}");
        Map<String, Object> patch = JsonText.object("{\"a\":{\"b\":null,\"c\":2}}");

        JsonMerge.apply(target, patch);

        assertThat(JsonText.write(target)).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(JsonText.write(patch)).isEqualTo("{\"a\":{\"b\":null,\"c\":2}}");
    }

    @Test
    void resolverMergeAgreesWithRfc7396ForObjectLayers() {
        Map<String, Object> base = JsonText.object("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":\"x\",\"e\":{}}");
        Map<String, Object> patch =
                JsonText.object("{\"a\":{\"b\":null,\"c\":{\"z\":null}},\"d\":{\"y\":1},\"f\":null}");

        Resolution merged = ConfigResolver.merge(
                java.util.List.of(new Layer(Selector.of("*"), base), new Layer(Selector.of("x"), patch)), false);

        assertThat(JsonText.write(merged.config())).isEqualTo(JsonText.write(JsonMerge.apply(base, patch)));
    }
}
