package io.cascade.gateway.spi;

import java.util.Collection;
import java.util.Map;

/**
 * The gateway's part of the host registry: which hosts are connected now. A host is a subscriber
 * that gives a {@code hostId}; the registry also keeps the revision each acknowledged.
 */
public interface HostPresence {

    /** One connected host, as its subscription names it. */
    record Host(String namespace, String hostId, Map<String, String> scope) {}

    /**
     * Every host this gateway holds a subscription of, sent every few seconds: a host missing from
     * later calls is disconnected once its last report is older than the registry's timeout.
     */
    void connected(Collection<Host> hosts);

    /** The last subscriptions of these hosts ended. */
    void disconnected(Collection<Host> hosts);
}
