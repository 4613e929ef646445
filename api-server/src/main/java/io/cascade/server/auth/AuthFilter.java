package io.cascade.server.auth;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import io.cascade.server.error.HttpErrors;
import io.cascade.server.store.StoreHealth;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates every GraphQL request over HTTP and gives it a request id ({@code X-Request-Id},
 * taken from the caller when well-formed). A request without a valid key gets HTTP 401 with code
 * {@code UNAUTHENTICATED} before anything reads its body. A key this process does not hold, while
 * the store cannot be asked about it, gets HTTP 503 with code {@code STORE_UNAVAILABLE}.
 */
public final class AuthFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link Actor}. */
    public static final String ACTOR = Actor.class.getName();

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final KeyService keys;
    private final JsonMapper json;
    private final AuthMetrics metrics;

    public AuthFilter(KeyService keys, JsonMapper json, AuthMetrics metrics) {
        this.keys = keys;
        this.json = json;
        this.metrics = metrics;
    }

    /** WebSocket upgrades go to the subscription endpoint, which authenticates in {@code connection_init}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("X-Request-Id");
        String requestId = given != null && REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        response.setHeader("X-Request-Id", requestId);
        Principal principal;
        try {
            principal = keys.authenticate(request.getHeader("Authorization"));
        } catch (CascadeException e) {
            if (e.code() == ApiErrorCode.STORE_UNAVAILABLE) {
                refuseUnchecked(response, requestId);
                return;
            }
            metrics.authFailure(e instanceof Unauthenticated refused ? refused.reason() : AuthFailureReason.OTHER);
            response.setHeader("WWW-Authenticate", "Bearer");
            HttpErrors.write(
                    response,
                    json,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    e.code(),
                    e.getMessage(),
                    Map.of("requestId", requestId));
            return;
        } catch (RuntimeException e) {
            if (!StoreHealth.isOutage(e)) {
                throw e;
            }
            refuseUnchecked(response, requestId);
            return;
        }
        request.setAttribute(ACTOR, new Actor(principal, requestId));
        chain.doFilter(request, response);
    }

    /** A key that only the store could vouch for, while the store does not answer. */
    private void refuseUnchecked(HttpServletResponse response, String requestId) throws IOException {
        HttpErrors.write(
                response,
                json,
                HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                ApiErrorCode.STORE_UNAVAILABLE,
                "the store is unavailable, so this key cannot be checked; try again later",
                Map.of("requestId", requestId));
    }
}
