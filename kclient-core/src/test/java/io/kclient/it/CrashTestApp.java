package io.kclient.it;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.TestSettings;

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
                // a group of its own: the killed instances must not hold up other tests' groups on the shared broker
                .defaults(TestSettings.defaults().with(HandlerSettings.GROUP_ID, prefix).with(HandlerSettings.MAX_IN_FLIGHT, Integer.parseInt(args[2])))
                .topics(new TopicSettings(true, 6, (short) 1))
                // static membership: the next instance takes the killed one's place (and partitions) as it joins,
                // instead of waiting for the killed one's session to time out
                .consumerProperties(java.util.Map.of("group.instance.id", "crash-test-app", "session.timeout.ms", 6000,
                        "heartbeat.interval.ms", 1000))
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
