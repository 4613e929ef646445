package io.cascade.evaluator.config;

import tools.jackson.databind.json.JsonMapper;

/** Test helper: JSON text to plain Java values and back. */
final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonText() {}

    static Object parse(String json) {
        return MAPPER.readValue(json, Object.class);
    }

    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> object(String json) {
        return (java.util.Map<String, Object>) parse(json);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
