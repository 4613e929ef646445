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
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before GraphQL sees it, a request to {@code /graphql} that is not a JSON POST ({@code
 * 405}/{@code 415 BAD_REQUEST}), whose body is too large ({@code 413 LIMIT_EXCEEDED}), or whose body
 * {@link RequestBody} refuses ({@code 400} with its code). The body is read once, bounded, and
 * handed on.
 */
class RequestGuard extends OncePerRequestFilter {

    private final Limits limits;
    private final JsonMapper json;

    RequestGuard(Limits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
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
        byte[] body = readAtMost(request.getInputStream(), max + 1);
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

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
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
