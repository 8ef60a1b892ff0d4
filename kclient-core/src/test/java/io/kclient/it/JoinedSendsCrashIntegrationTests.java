package io.kclient.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What no peer offers without a transaction: a send a handler makes through the publisher belongs
 * to its record. The application is killed (SIGKILL) after the handler returned and before the
 * broker acknowledged its send; the record was never committed as done, so the next run handles it
 * again and its announcement is found. Without the join the record would be committed when the
 * handler returned, and the announcement lost with the killed process.
 */
class JoinedSendsCrashIntegrationTests {

    private static final String PREFIX = "joined";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The held dog's offset: after d0, d1 and d2, before d4 and d5. */
    private static final long HELD_OFFSET = 3;

    @Test
    void aRecordWhoseSendWasNotAcknowledgedIsHandledAgainAfterASigkill() throws Exception {
        SharedKafka.createTopics(1, (short) 1, PREFIX + ".dogs", PREFIX + ".announcements", PREFIX + ".dogs.DLT");
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            for (String key : List.of("d0", "d1", "d2", "held", "d4", "d5")) {
                probe.send(PREFIX + ".dogs", key, key);
            }

            Path log = Files.createTempFile("joined-sends-app", ".log");
            Process app = launch(log, "held");
            awaitLine(log, "HANDLER RETURNED held");
            awaitLine(log, "HELD BACK held");
            assertThat(probe.readAtLeast(PREFIX + ".announcements", 5, WAIT)).as("the others' announcements").hasSize(5);
            // a commit made once records after it were done: it names them, and stops at the held record
            OffsetAndMetadata commit = awaitCommit(admin, committed -> committed.offset() > HELD_OFFSET
                    || committed.metadata() != null && committed.metadata().startsWith("kclient-done:"));
            assertThat(commit.offset()).as("never past the record whose send is unacknowledged").isEqualTo(HELD_OFFSET);
            app.destroyForcibly(); // SIGKILL: the held send dies with the process
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(announcementsOf(probe, "held")).as("nothing of it reached the broker").isEmpty();

            Process again = launch(Files.createTempFile("joined-sends-app", ".log"), "none");
            try {
                probe.readAtLeast(PREFIX + ".announcements", 6, WAIT);
                assertThat(announcementsOf(probe, "held")).as("handled again, and its send made").hasSize(1);
                assertThat(probe.readAll(PREFIX + ".announcements")).as("the others were not handled again: their records "
                        + "were done, and the commit named them").hasSize(6);
            } finally {
                again.destroy();
                assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> announcementsOf(TopicProbe probe, String key) {
        return probe.readAll(PREFIX + ".announcements").stream().filter(record -> key.equals(TopicProbe.text(record.key()))).toList();
    }

    private static Process launch(Path log, String heldKey) throws Exception {
        return TestApps.launch(JoinedSendsTestApp.class, log, SharedKafka.bootstrapServers(), PREFIX, heldKey);
    }

    private static void awaitLine(Path log, String line) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(log).contains(line)) {
            assertThat(System.nanoTime()).as("the app printed '%s' within a minute", line).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The announcer group's commit of the one dogs partition, once it is one that {@code wanted} takes. */
    private static OffsetAndMetadata awaitCommit(Admin admin, Predicate<OffsetAndMetadata> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("announcer")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(new TopicPartition(PREFIX + ".dogs", 0));
            if (committed != null && wanted.test(committed)) {
                return committed;
            }
            assertThat(System.nanoTime()).as("the app committed within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
