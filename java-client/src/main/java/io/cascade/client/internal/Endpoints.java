package io.cascade.client.internal;

import java.net.URI;

/** A server's base URI to its GraphQL URIs over HTTP and WebSocket. All static. */
public final class Endpoints {

    private Endpoints() {}

    /** {@code http://a:8080} to {@code http://a:8080/graphql}. */
    public static URI http(URI base) {
        return base.resolve(path(base));
    }

    /** {@code http://a:8080} to {@code ws://a:8080/graphql}, {@code https} to {@code wss}. */
    public static URI webSocket(URI base) {
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + path(base));
    }

    private static String path(URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        if (path.endsWith("/graphql")) {
            return path;
        }
        return (path.endsWith("/") ? path : path + "/") + "graphql";
    }
}
