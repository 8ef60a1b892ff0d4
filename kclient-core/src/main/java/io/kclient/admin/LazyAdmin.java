package io.kclient.admin;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * One admin client for what the engine asks the broker while it runs (share groups' lag), made at
 * the first question: an engine that never asks opens no connection for it.
 */
public final class LazyAdmin implements Supplier<Admin>, AutoCloseable {

    private final Supplier<Admin> maker;
    private Admin admin;

    /** @param maker makes the admin client, connected as every client of the engine (the client factory's) */
    public LazyAdmin(Supplier<Admin> maker) {
        this.maker = maker;
    }

    @Override
    public synchronized Admin get() {
        if (admin == null) {
            admin = maker.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
