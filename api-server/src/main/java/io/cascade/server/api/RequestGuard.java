package io.cascade.server.api;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.HttpErrors;
import io.cascade.server.namespace.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before GraphQL sees it, a request to {@code /graphql} that is not a JSON POST ({@code
 * 405}/{@code 415 BAD_REQUEST}), whose body is too large ({@code 413 LIMIT_EXCEEDED}), does not
 * arrive in time ({@code 408 BAD_REQUEST}: the whole body within {@code cascade.http.body-timeout},
 * a minimum data rate), whose body {@link RequestBody} refuses ({@code 400} with its code), or
 * that asks for a subscription ({@code 400 BAD_REQUEST}: those are served over WebSocket). The body
 * is read once, bounded, and handed on.
 */
class RequestGuard extends OncePerRequestFilter {

    private final Limits limits;
    private final JsonMapper json;
    private final Duration bodyTimeout;

    RequestGuard(Limits limits, JsonMapper json, Duration bodyTimeout) {
        this.limits = limits;
        this.json = json;
        this.bodyTimeout = bodyTimeout;
    }

    /** WebSocket upgrades go to the subscription endpoint, which authenticates in {@code connection_init}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuse(
                    response,
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    ApiErrorCode.BAD_REQUEST,
                    "GraphQL requests are POSTed to /graphql as JSON",
                    Map.of());
            return;
        }
        if (!isJson(request.getContentType())) {
            refuse(
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    ApiErrorCode.BAD_REQUEST,
                    "GraphQL requests must have Content-Type: application/json",
                    Map.of());
            return;
        }
        long max = limits.requestBytes();
        if (request.getContentLengthLong() > max) {
            tooLarge(response, max);
            return;
        }
        byte[] body;
        try {
            body = readAtMost(request.getInputStream(), max + 1, System.nanoTime() + bodyTimeout.toNanos());
        } catch (IOException e) {
            tooSlow(request, response);
            return;
        }
        if (body == null) {
            tooSlow(request, response);
            return;
        }
        if (body.length > max) {
            tooLarge(response, max);
            return;
        }
        try {
            RequestBody.check(body, json, limits.jsonDepth());
        } catch (CascadeException e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.code(), e.getMessage(), e.details());
            return;
        }
        if (SubscriptionRequests.isSubscription(body, json)) {
            refuse(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    ApiErrorCode.BAD_REQUEST,
                    "subscriptions are served over WebSocket (graphql-transport-ws) on /graphql, not over HTTP POST",
                    Map.of());
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.equals("application/json");
    }

    private void tooLarge(HttpServletResponse response, long max) throws IOException {
        refuse(
                response,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                ApiErrorCode.LIMIT_EXCEEDED,
                "request body is larger than the limit of " + max + " bytes",
                Map.of("limit", "requestBytes", "max", max));
    }

    private void refuse(
            HttpServletResponse response, int status, ApiErrorCode code, String message, Map<String, Object> details)
            throws IOException {
        HttpErrors.write(response, json, status, code, message, details);
    }

    /**
     * At most {@code limit} bytes of the body, or null when it is still arriving at {@code
     * deadline}. A read that stalls fails with Tomcat's upload timeout, the same duration.
     */
    private static byte[] readAtMost(InputStream in, long limit, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (out.size() < limit) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()));
            if (read < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, read);
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private void tooSlow(HttpServletRequest request, HttpServletResponse response) {
        DroppedConnections.drop(request);
        try {
            refuse(
                    response,
                    HttpServletResponse.SC_REQUEST_TIMEOUT,
                    ApiErrorCode.BAD_REQUEST,
                    "the request body did not arrive within " + bodyTimeout.toSeconds() + " s",
                    Map.of());
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing to answer
        }
    }

    /** The request with its body already read. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        /** Answers are JSON whatever the caller asked for, so a strange Accept cannot turn a request into a 406. */
        @Override
        public String getHeader(String name) {
            if ("Accept".equalsIgnoreCase(name)) {
                return acceptable(super.getHeader(name));
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if ("Accept".equalsIgnoreCase(name)) {
                return Collections.enumeration(List.of(acceptable(super.getHeader(name))));
            }
            return super.getHeaders(name);
        }

        private static String acceptable(String accept) {
            if (accept != null && (accept.contains("json") || accept.contains("*/*"))) {
                return accept;
            }
            return "application/json";
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
