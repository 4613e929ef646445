package io.cascade.server.observability;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Every attribute key the server emits: the whole vocabulary in one place, so a review can check
 * that none of them can carry a secret or a config value.
 */
final class TelemetryAttributes {

    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");
    static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("cascade.namespace");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cascade.outcome");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("cascade.request.id");
    static final AttributeKey<String> ACTION = AttributeKey.stringKey("cascade.action");
    static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("cascade.error.code");
    static final AttributeKey<String> AUTH_REASON = AttributeKey.stringKey("cascade.auth.reason");
    static final AttributeKey<String> FLAG = AttributeKey.stringKey("cascade.flag");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("cascade.flag.reason");
    static final AttributeKey<String> VARIATION = AttributeKey.stringKey("cascade.flag.variation");

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    /** {@code cascade.outcome} of work that succeeded. */
    static final String OK = "ok";

    private TelemetryAttributes() {}
}
