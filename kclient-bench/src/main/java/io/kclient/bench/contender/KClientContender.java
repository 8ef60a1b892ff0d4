package io.kclient.bench.contender;

import io.kclient.KClient;
import io.kclient.Ordering;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.SystemPropertyPlaceholders;
import java.util.Locale;
import java.util.Map;

/**
 * KClient through its plain-Java builder, in one {@link Ordering} mode, with the engine's default
 * consumer and producer settings. Only concurrency, ordering and max-in-flight are set, through
 * {@link HandlerSettings}.
 */
final class KClientContender implements Contender {

    private final Ordering ordering;
    private KClient kclient;

    KClientContender(Ordering ordering) {
        this.ordering = ordering;
    }

    @Override
    public String name() {
        return "kclient-" + ordering.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean keepsKeyOrder() {
        return ordering != Ordering.NONE;
    }

    @Override
    public void start(ContenderContext context) {
        Map<String, String> properties = Map.of(
                "bench.input", context.inputTopic(),
                "bench.output", context.outputTopic(),
                "bench.group", context.groupId());
        kclient = KClient.builder()
                .bootstrapServers(context.bootstrapServers())
                .placeholders(new SystemPropertyPlaceholders(properties::get))
                .defaults(HandlerSettings.NONE.with(HandlerSettings.CONCURRENCY, context.concurrency())
                        .with(HandlerSettings.ORDERING, ordering).with(HandlerSettings.MAX_IN_FLIGHT, context.maxInFlight()))
                .topics(new TopicSettings(true, context.partitions(), (short) -1))
                .handlers(new KClientDogHandler(context.work()))
                .build();
        kclient.start();
    }

    @Override
    public Throwable failure() {
        boolean failed = kclient != null && kclient.containers().stream()
                .anyMatch(c -> c.state() == io.kclient.ContainerState.FAILED);
        return failed ? new IllegalStateException("a KClient container failed; see the log") : null;
    }

    @Override
    public void close() {
        if (kclient != null) {
            kclient.close();
        }
    }
}
