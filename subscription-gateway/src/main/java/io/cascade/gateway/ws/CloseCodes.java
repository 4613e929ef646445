package io.cascade.gateway.ws;

/**
 * WebSocket close codes: those of the graphql-transport-ws protocol, and one of ours. All static.
 *
 * <ul>
 *   <li>4400 bad request: a message the protocol does not allow
 *   <li>4401 unauthorized: {@code subscribe} before {@code connection_ack}
 *   <li>4403 forbidden: no valid key in {@code connection_init}, or the key was revoked since
 *   <li>4408 no {@code connection_init} in time
 *   <li>4409 a subscription id that is already in use
 *   <li>4429 a second {@code connection_init}
 *   <li>4499 ours: the client read nothing for longer than the stall limit while messages waited
 *   <li>1001 the gateway is shutting down
 *   <li>1009 a message longer than the gateway reads (64 Ki characters)
 * </ul>
 */
public final class CloseCodes {

    private CloseCodes() {}

    public static final int BAD_REQUEST = 4400;
    public static final int UNAUTHORIZED = 4401;
    public static final int FORBIDDEN = 4403;
    public static final int INIT_TIMEOUT = 4408;
    public static final int SUBSCRIBER_EXISTS = 4409;
    public static final int TOO_MANY_INIT = 4429;
    public static final int TOO_SLOW = 4499;
    public static final int GOING_AWAY = 1001;
    public static final int TOO_BIG = 1009;
}
