package io.cascade.server.observability;

import static io.cascade.server.observability.TelemetryAttributes.DB_COLLECTION;
import static io.cascade.server.observability.TelemetryAttributes.DB_NAMESPACE;
import static io.cascade.server.observability.TelemetryAttributes.DB_OPERATION;
import static io.cascade.server.observability.TelemetryAttributes.DB_SYSTEM;
import static io.cascade.server.observability.TelemetryAttributes.OUTCOME;
import static io.cascade.server.observability.TelemetryAttributes.SERVER_ADDRESS;
import static io.cascade.server.observability.TelemetryAttributes.SERVER_PORT;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One span per MongoDB command, {@code mongodb.<command>}, a child of the span current on the
 * calling thread (the sync driver reports a command on the thread that runs it).
 *
 * <p>By default only commands inside a traced operation get a span: the periodic store refresh
 * and start-up reads would otherwise export a stream of root spans. The command and reply
 * documents are read for the collection name and the presence of write errors only; nothing of
 * them, nor any exception message (a duplicate-key message quotes the key), becomes an attribute.
 */
final class MongoTelemetry implements CommandListener {

    private final Tracer tracer;
    private final boolean spansOutsideOperations;
    private final Map<Integer, Span> inFlight = new ConcurrentHashMap<>();

    MongoTelemetry(Tracer tracer, boolean spansOutsideOperations) {
        this.tracer = tracer;
        this.spansOutsideOperations = spansOutsideOperations;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        Context parent = Context.current();
        if (!spansOutsideOperations
                && !Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        String command = event.getCommandName();
        SpanBuilder builder = tracer.spanBuilder("mongodb." + command)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(DB_SYSTEM, "mongodb")
                .setAttribute(DB_OPERATION, command)
                .setAttribute(DB_NAMESPACE, event.getDatabaseName());
        String collection = collection(command, event.getCommand());
        if (collection != null) {
            builder.setAttribute(DB_COLLECTION, collection);
        }
        if (event.getConnectionDescription() != null) {
            ServerAddress server = event.getConnectionDescription().getServerAddress();
            builder.setAttribute(SERVER_ADDRESS, server.getHost()).setAttribute(SERVER_PORT, (long) server.getPort());
        }
        inFlight.put(event.getRequestId(), builder.startSpan());
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Span span = inFlight.remove(event.getRequestId());
        if (span == null) {
            return;
        }
        BsonDocument response = event.getResponse();
        if (response != null && response.containsKey("writeErrors")) {
            span.setAttribute(OUTCOME, "write_error");
            span.setStatus(StatusCode.ERROR, "write_error");
        } else {
            span.setAttribute(OUTCOME, TelemetryAttributes.OK);
        }
        span.end();
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Span span = inFlight.remove(event.getRequestId());
        if (span == null) {
            return;
        }
        String outcome = failure(event.getThrowable());
        span.setAttribute(OUTCOME, outcome);
        span.setStatus(StatusCode.ERROR, outcome);
        span.end();
    }

    /** The collection a command works on: the value of its first key, or {@code collection} for getMore. */
    private static String collection(String command, BsonDocument document) {
        if (document == null) {
            return null;
        }
        BsonValue target = document.get(command);
        if (target != null && target.isString()) {
            return target.asString().getValue();
        }
        BsonValue named = document.get("collection");
        return "getMore".equals(command) && named != null && named.isString()
                ? named.asString().getValue()
                : null;
    }

    private static String failure(Throwable failure) {
        if (failure instanceof MongoCommandException command
                && !command.getErrorCodeName().isEmpty()) {
            return command.getErrorCodeName();
        }
        return failure == null ? "error" : failure.getClass().getSimpleName();
    }
}
