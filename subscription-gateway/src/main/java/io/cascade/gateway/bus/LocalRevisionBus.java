package io.cascade.gateway.bus;

import java.util.function.Consumer;

/** The bus of a single process: the process hears its own revisions directly, so there is nothing to carry. */
public final class LocalRevisionBus implements RevisionBus {

    @Override
    public void publish(Announcement announcement) {}

    @Override
    public void subscribe(Consumer<Announcement> listener) {}

    @Override
    public void onReconnect(Runnable action) {}

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void close() {}
}
