package io.kclient.embedded.testing;

import io.kclient.embedded.EmbeddedKafka;

/**
 * The one in-process broker of a test JVM, for every integration test that neither stops, kills
 * nor secures its broker: started at first use, closed by a shutdown hook when the JVM exits.
 * Starting a broker costs seconds; sharing one keeps a module's integration tests fast. Tests keep
 * apart by topics (and consumer groups) of their own, a prefix per test, never by a broker of
 * their own; a test that needs its own broker says why where it starts it.
 *
 * <p>It hands out only what cannot disturb other tests: the address and topic creation, not the
 * broker, whose nodes a test could stop.
 */
public final class SharedKafka {

    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    /** The shared broker's {@code host:port}, starting it if this is the JVM's first use. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Creates the topics unless they exist, and waits until each has a leader: see {@link EmbeddedKafka#createTopics}. */
    public static void createTopics(int partitions, short replicationFactor, String... topics) {
        broker().createTopics(partitions, replicationFactor, topics);
    }

    private static synchronized EmbeddedKafka broker() {
        if (kafka == null) {
            EmbeddedKafka started = EmbeddedKafka.builder()
                    // share-group members get their partitions with a heartbeat: every 5 s by default, every 500 ms here
                    .brokerProperty("group.share.min.heartbeat.interval.ms", "500")
                    .brokerProperty("group.share.heartbeat.interval.ms", "500")
                    .build();
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-shutdown"));
            kafka = started;
        }
        return kafka;
    }
}
