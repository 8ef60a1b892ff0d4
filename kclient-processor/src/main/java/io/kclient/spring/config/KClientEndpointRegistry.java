package io.kclient.spring.config;

import io.kclient.KClient;
import io.kclient.KClientConfigurationException;
import io.kclient.config.HandlerEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Collects the endpoints of the context's handlers and owns the engine that runs them.
 *
 * <p>The engine is built once every singleton exists ({@link #afterSingletonsInstantiated()}),
 * so a bad handler or property fails the context's start before any handler consumes a record.
 * It starts in its {@linkplain #DEFAULT_PHASE phase}, after the beans handlers call, and stops,
 * gracefully, before them, but after the web server; it is closed when the context is.
 */
public class KClientEndpointRegistry implements SmartInitializingSingleton, SmartLifecycle, DisposableBean {

    /**
     * Just below Spring Boot's web server phases (it starts and stops the server at
     * {@code DEFAULT_PHASE - 2048} and lets requests finish at {@code DEFAULT_PHASE - 1024}): handlers
     * start before the server takes requests and stop only once it has stopped taking them and
     * finished those under way, so a request may call the application's own handlers (over RPC)
     * until it completes. Still above the phases of ordinary beans, so handlers start after the
     * beans they call and stop before them.
     */
    public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 2049;

    private static final Logger log = LoggerFactory.getLogger(KClientEndpointRegistry.class);

    private final KClientFactory factory;
    private final List<HandlerEndpoint> endpoints = new ArrayList<>();
    private boolean autoStartup = true;
    private int phase = DEFAULT_PHASE;
    private volatile KClient client;
    private volatile boolean running;

    /** @param factory builds the engine from the endpoints registered by then */
    public KClientEndpointRegistry(KClientFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Adds handlers. Only before the engine is built: a handler bean created later (lazy or
     * prototype) would never run, so it fails instead.
     */
    public synchronized void register(Collection<HandlerEndpoint> more) {
        if (client != null && !more.isEmpty()) {
            HandlerEndpoint first = more.iterator().next();
            throw new KClientConfigurationException(first.describe() + " was created after the KClient engine was "
                    + "built, so it would never run: make bean '" + first.beanName() + "' a non-lazy singleton");
        }
        endpoints.addAll(more);
    }

    /**
     * The handlers as read from their beans, in registration order. Per-handler properties a
     * factory applies are not reflected here; {@code getClient().container(id).settings()} has
     * the settings a handler runs with.
     */
    public synchronized List<HandlerEndpoint> getEndpoints() {
        return List.copyOf(endpoints);
    }

    /** The engine; built once every singleton of the context is instantiated. */
    public KClient getClient() {
        KClient built = client;
        if (built == null) {
            throw new IllegalStateException("The KClient engine is built once every singleton is instantiated; not yet");
        }
        return built;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<HandlerEndpoint> all;
        synchronized (this) {
            all = List.copyOf(endpoints);
        }
        KClient built = Objects.requireNonNull(factory.create(all), "KClientFactory returned null");
        synchronized (this) {
            client = built;
        }
        log.info("KClient engine built with {} handler(s): {}", all.size(), all.stream().map(HandlerEndpoint::id).toList());
    }

    @Override
    public synchronized void start() {
        if (!running) {
            getClient().start();
            running = true;
        }
    }

    /** Stops every handler gracefully: records under way finish, outputs are flushed, offsets committed. */
    @Override
    public synchronized void stop() {
        if (running) {
            running = false;
            getClient().stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    /** Whether handlers start with the context; when {@code false}, {@link #start()} starts them. */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    public void setPhase(int phase) {
        this.phase = phase;
    }

    /** Closes the engine, which stops it first if it still runs. */
    @Override
    public void destroy() {
        KClient built = client;
        if (built != null) {
            running = false;
            built.close();
        }
    }
}
