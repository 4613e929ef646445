package io.cascade.server.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;
import io.cascade.server.error.CascadeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A namespace schema version, compiled once, that validates resolved configs. Thread-safe. */
public final class CompiledSchema {

    /** Draft 2020-12, knowing our annotation so that it is neither warned about nor validated. */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
            .keyword(new NonValidationKeyword(OverrideRules.KEYWORD))
            .build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            DIALECT,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .regularExpressionFactory(CompiledSchema::linearTimeRegex)
                    .build()));

    private static final Schema META_SCHEMA =
            REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private final Map<String, Object> source;
    private final Schema schema;
    private final OverrideRules overrides;
    private final JsonMapper json;

    private CompiledSchema(Map<String, Object> source, Schema schema, OverrideRules overrides, JsonMapper json) {
        this.source = source;
        this.schema = schema;
        this.overrides = overrides;
        this.json = json;
    }

    /**
     * Compiles a schema document, refusing with {@code BAD_USER_INPUT} one that is not a valid
     * draft 2020-12 schema, has a regex RE2/J cannot run, or has a malformed override annotation.
     */
    public static CompiledSchema compile(Map<String, Object> source, List<String> dimensions, JsonMapper json) {
        JsonNode node = json.valueToTree(source);
        List<Error> metaErrors = META_SCHEMA.validate(node);
        if (!metaErrors.isEmpty()) {
            Error first = metaErrors.get(0);
            throw CascadeException.badInput(
                    "schema is not a valid JSON Schema (draft 2020-12): " + pointer(first) + ": " + first.getMessage());
        }
        OverrideRules overrides = OverrideRules.from(source, dimensions);
        try {
            Schema schema = REGISTRY.getSchema(json.writeValueAsString(source), InputFormat.JSON);
            schema.initializeValidators();
            CompiledSchema compiled = new CompiledSchema(source, schema, overrides, json);
            compiled.validate(Map.of());
            return compiled;
        } catch (SchemaException | IllegalArgumentException | PatternSyntaxException e) {
            throw CascadeException.badInput("schema cannot be compiled: " + firstLine(e.getMessage()));
        }
    }

    public Map<String, Object> source() {
        return source;
    }

    public OverrideRules overrides() {
        return overrides;
    }

    /**
     * Every way {@code config} fails the schema; empty when it validates. A {@code $ref} cycle that
     * never reaches a keyword (a schema that is only a reference to itself) cannot be validated
     * and is refused as bad input.
     */
    public List<SchemaError> validate(Map<String, Object> config) {
        List<Error> errors;
        try {
            errors = schema.validate(json.valueToTree(config));
        } catch (StackOverflowError e) {
            throw CascadeException.badInput("schema cannot be evaluated: a $ref cycle never reaches a keyword");
        }
        List<SchemaError> out = new ArrayList<>(errors.size());
        for (Error error : errors) {
            out.add(new SchemaError(pointer(error), error.getMessage()));
        }
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid schema";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.replaceAll("[a-zA-Z.]+Exception: ", "");
    }

    private static String pointer(Error error) {
        String path = error.getInstanceLocation().toString();
        return path.isEmpty() ? "" : path;
    }

    private static RegularExpression linearTimeRegex(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    }

    /** One validation error: a JSON Pointer into the config and a message. */
    public record SchemaError(String path, String message) {}
}
