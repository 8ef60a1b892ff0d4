package io.kclient.admin;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * One admin client for what the engine asks the broker while it runs (share groups' lag), made at
 * the first question: an engine that never asks opens no connection for it.
 */
public final class LazyAdmin implements Supplier<Admin>, AutoCloseable {

    private final Map<String, Object> properties;
    private final Function<Map<String, Object>, Admin> factory;
    private Admin admin;

    /**
     * @param properties the admin client's configuration: bootstrap servers, security
     * @param factory makes it (for tests, a {@code MockAdminClient})
     */
    public LazyAdmin(Map<String, Object> properties, Function<Map<String, Object>, Admin> factory) {
        this.properties = Map.copyOf(properties);
        this.factory = factory;
    }

    @Override
    public synchronized Admin get() {
        if (admin == null) {
            admin = factory.apply(properties);
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
