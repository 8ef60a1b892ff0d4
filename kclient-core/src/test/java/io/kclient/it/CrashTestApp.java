package io.kclient.it;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.Ordering;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import java.time.Duration;

/**
 * The application {@link CrashIntegrationTests} kills: dogs to cats, run in a JVM of its own.
 * Arguments: bootstrap servers, topic prefix, max-in-flight, delivery ({@code AT_LEAST_ONCE} or
 * {@code EXACTLY_ONCE}).
 */
public final class CrashTestApp {

    public static void main(String[] args) throws InterruptedException {
        String prefix = args[1];
        boolean exactlyOnce = Delivery.valueOf(args[3]) == Delivery.EXACTLY_ONCE;
        KClient kclient = KClient.builder()
                .bootstrapServers(args[0])
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(HandlerSettings.NONE.with(HandlerSettings.CONCURRENCY, 4).with(HandlerSettings.ORDERING, Ordering.KEY)
                        .with(HandlerSettings.MAX_IN_FLIGHT, Integer.parseInt(args[2]))
                        .with(HandlerSettings.RETRY_MAX_ATTEMPTS, 3).with(HandlerSettings.RETRY_INITIAL_BACKOFF, Duration.ofMillis(50))
                        .with(HandlerSettings.RETRY_MULTIPLIER, 2.0).with(HandlerSettings.RETRY_MAX_BACKOFF, Duration.ofSeconds(1))
                        .with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(10)))
                .topics(new TopicSettings(true, 6, (short) 1))
                // the broker's minimum: a killed instance leaves the group within seconds, not 45 s
                .consumerProperties(java.util.Map.of("session.timeout.ms", 6000, "heartbeat.interval.ms", 1000))
                // the same transactional.id at each start: a restart fences the killed instance and aborts its transaction
                .producerProperties(exactlyOnce ? java.util.Map.of("transactional.id", "crash-test-app") : java.util.Map.of())
                .handlers(exactlyOnce ? new Animals.ExactlyOnce() : new Animals.Failing())
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(kclient::close)); // SIGTERM stops gracefully; SIGKILL does not
        kclient.start();
        System.out.println("CRASH-TEST-APP STARTED");
        Thread.sleep(Long.MAX_VALUE);
    }

    private CrashTestApp() {
    }
}
