package io.cascade.client.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import io.cascade.client.CascadeClient;
import io.cascade.client.CascadeListener;
import io.cascade.client.ConfigChange;
import io.cascade.client.ConnectionState;
import io.cascade.evaluator.flag.EvaluationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cascade as an OpenFeature provider: flags are evaluated locally by a {@link CascadeClient}, with
 * the server's evaluator. Reasons are OpenFeature's own names ({@code DISABLED}, {@code
 * TARGETING_MATCH}, {@code SPLIT}, {@code DEFAULT}, {@code ERROR}); error codes map one to one.
 *
 * <pre>{@code
 * OpenFeatureAPI.getInstance().setProviderAndWait(new CascadeProvider(client));
 * Client flags = OpenFeatureAPI.getInstance().getClient();
 * boolean on = flags.getBooleanValue("new-checkout", false, new ImmutableContext("user-1"));
 * }</pre>
 *
 * <p>Events: {@code PROVIDER_READY} once the client holds flags (and again when it reconnects),
 * {@code PROVIDER_CONFIGURATION_CHANGED} with the changed flag keys for each newer revision that
 * changes flags, {@code PROVIDER_STALE} when the client loses its subscription and serves what it
 * holds. {@link #initialize} starts the client if it is not started; a client that cannot start
 * makes initialization fail, which OpenFeature reports as {@code PROVIDER_ERROR}.
 */
public final class CascadeProvider extends EventProvider {

    private static final Metadata METADATA = () -> "cascade";

    private final CascadeClient client;
    private final Duration startTimeout;
    private final boolean closeClient;
    private final CascadeListener events = new CascadeListener() {
        @Override
        public void onChange(ConfigChange change) {
            if (!change.flagChanges().isEmpty()) {
                emitProviderConfigurationChanged(ProviderEventDetails.builder()
                        .flagsChanged(change.changedFlagKeys())
                        .message("revision " + change.revision())
                        .build());
            }
        }

        @Override
        public void onConnectionState(ConnectionState state) {
            if (state == ConnectionState.DISCONNECTED) {
                emitProviderStale(ProviderEventDetails.builder()
                        .message("not subscribed: serving revision " + client.revision())
                        .build());
            } else if (state == ConnectionState.CONNECTED) {
                emitProviderReady(ProviderEventDetails.builder()
                        .message("subscribed at revision " + client.revision())
                        .build());
            }
        }
    };

    /** A provider over {@code client}; {@link #initialize} starts it (within 10 s) unless it is started. */
    public CascadeProvider(CascadeClient client) {
        this(client, Duration.ofSeconds(10), false);
    }

    /**
     * A provider over {@code client}, started within {@code startTimeout} if it is not started;
     * with {@code closeClient}, {@link #shutdown()} closes the client too.
     */
    public CascadeProvider(CascadeClient client, Duration startTimeout, boolean closeClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.closeClient = closeClient;
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    @Override
    public void initialize(EvaluationContext evaluationContext) throws Exception {
        if (client.connectionState() == ConnectionState.STARTING) {
            client.start(startTimeout);
        }
        client.onChange(events);
    }

    @Override
    public void shutdown() {
        client.removeListener(events);
        if (closeClient) {
            client.close();
        }
        super.shutdown();
    }

    /** The client behind the provider. */
    public CascadeClient client() {
        return client;
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        return evaluation(client.booleanFlagDetail(key, context(ctx), defaultValue), defaultValue);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return evaluation(client.stringFlagDetail(key, context(ctx), defaultValue), defaultValue);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        EvaluationResult<Number> result = client.numberFlagDetail(key, context(ctx), defaultValue);
        if (!result.isError()
                && result.value().doubleValue() != Math.rint(result.value().doubleValue())) {
            return error(
                    defaultValue,
                    ErrorCode.TYPE_MISMATCH,
                    "flag '" + key + "' serves " + result.value() + ", not an integer");
        }
        Integer value =
                result.isError() ? defaultValue : Integer.valueOf(result.value().intValue());
        return evaluation(result.withValue(value), defaultValue);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        EvaluationResult<Number> result = client.numberFlagDetail(key, context(ctx), defaultValue);
        Double value =
                result.isError() ? defaultValue : Double.valueOf(result.value().doubleValue());
        return evaluation(result.withValue(value), defaultValue);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        EvaluationResult<Object> result = client.jsonFlagDetail(key, context(ctx), null);
        Value value = result.isError() ? defaultValue : toValue(result.value());
        return evaluation(result.withValue(value), defaultValue);
    }

    private static <T> ProviderEvaluation<T> evaluation(EvaluationResult<? extends T> result, T defaultValue) {
        var out = ProviderEvaluation.<T>builder()
                .value(result.isError() ? defaultValue : result.value())
                .reason(result.reason().name());
        result.variation().ifPresent(out::variant);
        result.errorCode().ifPresent(code -> out.errorCode(errorCode(code)));
        result.message().ifPresent(out::errorMessage);
        ImmutableMetadata.ImmutableMetadataBuilder metadata = ImmutableMetadata.builder();
        result.ruleId().ifPresent(rule -> metadata.addString("ruleId", rule));
        if (result.inExperiment()) {
            metadata.addBoolean("inExperiment", true);
        }
        return out.flagMetadata(metadata.build()).build();
    }

    private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason("ERROR")
                .errorCode(code)
                .errorMessage(message)
                .build();
    }

    /** One place for the error codes: ours and OpenFeature's share their names. */
    static ErrorCode errorCode(io.cascade.evaluator.flag.ErrorCode code) {
        return switch (code) {
            case FLAG_NOT_FOUND -> ErrorCode.FLAG_NOT_FOUND;
            case TYPE_MISMATCH -> ErrorCode.TYPE_MISMATCH;
            case TARGETING_KEY_MISSING -> ErrorCode.TARGETING_KEY_MISSING;
            case INVALID_CONTEXT -> ErrorCode.INVALID_CONTEXT;
            case PARSE_ERROR -> ErrorCode.PARSE_ERROR;
            case GENERAL -> ErrorCode.GENERAL;
        };
    }

    /** An OpenFeature context as a Cascade context: the targeting key, and every attribute as plain Java. */
    static io.cascade.evaluator.flag.EvaluationContext context(EvaluationContext ctx) {
        if (ctx == null) {
            return io.cascade.evaluator.flag.EvaluationContext.empty();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Value> entry : ctx.asMap().entrySet()) {
            Object plain = plain(entry.getValue());
            if (plain != null) {
                json.put(entry.getKey(), plain);
            }
        }
        String key = ctx.getTargetingKey();
        if (key != null && !key.isEmpty()) {
            json.put(io.cascade.evaluator.flag.EvaluationContext.TARGETING_KEY, key);
        }
        return io.cascade.evaluator.flag.EvaluationContext.of(json);
    }

    private static Object plain(Value value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isStructure()) {
            Map<String, Object> out = new LinkedHashMap<>();
            value.asStructure().asMap().forEach((name, member) -> {
                Object plain = plain(member);
                if (plain != null) {
                    out.put(name, plain);
                }
            });
            return out;
        }
        if (value.isList()) {
            List<Object> out = new ArrayList<>();
            for (Value item : value.asList()) {
                out.add(plain(item));
            }
            return out;
        }
        if (value.isInstant()) {
            Instant instant = value.asInstant();
            return instant;
        }
        return value.asObject();
    }

    @SuppressWarnings("unchecked")
    static Value toValue(Object json) {
        if (json == null) {
            return new Value();
        }
        if (json instanceof Map<?, ?> map) {
            MutableStructure structure = new MutableStructure();
            ((Map<String, Object>) map).forEach((name, member) -> structure.add(name, toValue(member)));
            return new Value(structure);
        }
        if (json instanceof List<?> list) {
            List<Value> values = new ArrayList<>();
            list.forEach(item -> values.add(toValue(item)));
            return new Value(values);
        }
        if (json instanceof Boolean flag) {
            return new Value(flag);
        }
        if (json instanceof String text) {
            return new Value(text);
        }
        if (json instanceof Integer number) {
            return new Value(number);
        }
        if (json instanceof Long number) {
            return new Value(number);
        }
        if (json instanceof Number number) {
            return new Value(number.doubleValue());
        }
        return new Value(json.toString());
    }
}
