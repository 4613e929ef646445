package io.cascade.client;

/** Whether the client hears changes as they happen. */
public enum ConnectionState {
    /** Before {@link CascadeClient#start}. */
    STARTING,
    /** Subscribed: changes arrive as they are committed. */
    CONNECTED,
    /** No subscription: serving what it holds, polling and resubscribing with backoff. */
    DISCONNECTED,
    /** After {@link CascadeClient#close()}. */
    CLOSED
}
