package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerSettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Rebalances under load: three instances of one handler in one group, {@code KEY} ordering, a
 * stream of dogs numbered per key. While the stream flows a third instance joins and then the
 * first one leaves, each moving partitions between live instances. Nothing may be lost, each
 * key's cats must first appear in sequence, and no commit may move the group's offset of a
 * partition back, which is what an instance committing stale offsets on revoke would do.
 * Exactly-once, the same moves must leave every cat on the output once, for a read_committed reader.
 */
class RebalanceIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final int DOGS = 6000;
    private static final int KEYS = 50;

    private final String prefix = "rebalance-" + run.incrementAndGet();
    private final CommitLedger ledger = new CommitLedger();

    @Test
    void instancesJoiningAndLeavingMidStreamLoseNothingKeepKeyOrderAndNeverCommitBackwards() throws Exception {
        joinAndLeaveMidStream(Animals.Failing::new);
        assertThat(ledger.backwards()).as("commits that moved a partition's group offset back").isEmpty();
        assertThat(ledger.committingConsumers()).as("every instance committed").isGreaterThanOrEqualTo(3);
    }

    @Test
    void exactlyOnceInstancesJoiningAndLeavingMidStreamShowEveryCatOnce() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> cats = joinAndLeaveMidStream(Animals.ExactlyOnce::new);
        assertThat(cats).as("no cat twice").hasSize(DOGS);
        assertThat(ledger.committingConsumers()).as("offsets go only through transactions").isZero();
    }

    /** Two instances, a third joining, the first leaving, all while dogs stream in; returns the cats, checked complete and in key order. */
    private List<ConsumerRecord<byte[], byte[]>> joinAndLeaveMidStream(Supplier<Object> handler) throws Exception {
        ExecutorService sender = Executors.newSingleThreadExecutor();
        SharedKafka.createTopics(6, (short) 1, prefix + ".dogs", prefix + ".cats", prefix + ".dogs.DLT");
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
                KClient first = start(handler.get());
                KClient second = start(handler.get())) {
            Future<?> stream = sender.submit(() -> send(probe));
            awaitCats(probe, DOGS / 5);
            try (KClient third = start(handler.get())) { // joins: partitions move from the first two to it
                awaitCats(probe, DOGS / 2);
                first.close(); // leaves: its partitions move to the other two
                stream.get(2, TimeUnit.MINUTES);
                return CatsInKeyOrder.assertComplete(probe, prefix + ".cats", DOGS, Duration.ofMinutes(2));
            }
        } finally {
            sender.shutdownNow();
        }
    }

    private KClient start(Object handler) {
        KClient kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().with(HandlerSettings.MAX_IN_FLIGHT, 300).with(HandlerSettings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(30)))
                .topics(new TopicSettings(false, 6, (short) 1))
                .consumerFactory(ledger::newConsumer)
                .handlers(handler)
                .build();
        kclient.start();
        return kclient;
    }

    /** The stream: dogs 0..DOGS-1, key {@code id % KEYS}, paced so that it is still flowing while instances come and go. */
    private void send(TopicProbe probe) {
        for (int i = 0; i < DOGS; i++) {
            probe.sendAsync(prefix + ".dogs", "k" + (i % KEYS), "{\"id\":\"" + i + "\",\"name\":\"k" + (i % KEYS) + "\",\"age\":" + i + "}");
            if (i % 100 == 99) {
                probe.flush();
                sleep(100);
            }
        }
        probe.flush();
    }

    private void awaitCats(TopicProbe probe, int count) {
        assertThat(probe.readAtLeast(prefix + ".cats", count, Duration.ofMinutes(2))).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
