package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.RetryTopics;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.it.Animals.Cat;
import io.kclient.it.Animals.Dog;
import io.kclient.listener.DeadLetterPublisher;
import io.kclient.listener.RetryHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Non-blocking retries on a real broker: a failing record waits on retry topics while the records
 * behind it, of its own key too, flow on and its offset is committed past it.
 */
class RetryTopicsIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "retry-topics-" + run.incrementAndGet();
    @AutoClose
    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
    @AutoClose
    private KClient kclient;

    @Test
    void aRecordFailingTwiceArrivesAfterTheDelaysWhileTheRecordsBehindItFlow() throws Exception {
        Retried handler = new Retried();
        start(handler);
        long sent = System.currentTimeMillis();
        probe.send(prefix + ".dogs", "k", dog("flaky"));
        probe.send(prefix + ".dogs", "k", dog("same-key"));
        probe.send(prefix + ".dogs", "other", dog("other-key"));

        List<ConsumerRecord<byte[], byte[]>> first = probe.readAtLeast(prefix + ".cats", 2, WAIT);
        assertThat(first.stream().map(TopicProbe::id)).as("the records behind the failing one did not wait for it")
                .containsExactlyInAnyOrder("same-key", "other-key");
        assertThat(committed(prefix + ".dogs")).as("the failing record's offset moved on").isEqualTo(3);
        assertThat(probe.readAtLeast(prefix + ".dogs.retry-2", 1, WAIT)).as("flaky waits 2 s on retry-2").hasSize(1);
        probe.send(prefix + ".dogs", "k", dog("late"));

        List<ConsumerRecord<byte[], byte[]>> all = probe.readAtLeast(prefix + ".cats", 4, WAIT);
        assertThat(all.stream().map(TopicProbe::id)).as("a dog sent while flaky waited was not held up by it")
                .endsWith("late", "flaky");
        ConsumerRecord<byte[], byte[]> flaky = all.stream().filter(cat -> TopicProbe.id(cat).equals("flaky")).findFirst().orElseThrow();
        assertThat(text(flaky.key())).isEqualTo("k");
        assertThat(flaky.timestamp() - sent).as("1 s on retry-1, then 2 s on retry-2").isGreaterThanOrEqualTo(3000);
        assertThat(handler.calls).containsEntry("flaky", 3).containsEntry("same-key", 1).containsEntry("other-key", 1)
                .containsEntry("late", 1);
        assertThat(probe.readAll(prefix + ".dogs.retry-1")).hasSize(1);
        assertThat(probe.readAll(prefix + ".dogs.retry-2")).hasSize(1);
    }

    @Test
    void aRecordFailingEveryTimeEndsInTheDeadLetterTopicWithItsJourney() {
        Retried handler = new Retried();
        start(handler);
        probe.send(prefix + ".dogs", "k", dog("hopeless"));

        ConsumerRecord<byte[], byte[]> letter = probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT).get(0);
        assertThat(header(letter, DeadLetterPublisher.ORIGINAL_TOPIC)).isEqualTo(prefix + ".dogs");
        assertThat(header(letter, DeadLetterPublisher.ORIGINAL_OFFSET)).isEqualTo("0");
        assertThat(header(letter, DeadLetterPublisher.EXCEPTION_MESSAGE)).isEqualTo("hopeless fails again");
        assertThat(header(letter, RetryHeaders.ATTEMPT)).as("the last retry topic it went through").isEqualTo("2");
        assertThat(handler.calls).containsEntry("hopeless", 3);
    }

    private void start(Object handler) {
        kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().with(HandlerSettings.CONCURRENCY, 2).with(HandlerSettings.MAX_IN_FLIGHT, 100).withRetry(RetrySettings.NONE))
                .topics(new TopicSettings(true, 1, (short) 1))
                .handlers(handler)
                .build();
        kclient.start();
    }

    private static long committed(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            long offset = -1;
            while (offset < 3 && System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("dogs")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                OffsetAndMetadata dogs = offsets.get(new TopicPartition(topic, 0));
                offset = dogs == null ? -1 : dogs.offset();
                Thread.sleep(100);
            }
            return offset;
        }
    }

    private static String dog(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Rex\",\"age\":3}";
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return text(record.headers().lastHeader(name).value());
    }

    /** "flaky" fails its first two calls, "hopeless" every call. */
    @KafkaHandlers
    public static class Retried {

        final Map<String, Integer> calls = new ConcurrentHashMap<>();

        @InputConsumer(id = "dogs", topic = "${prefix}.dogs")
        @OutputProducer(topic = "${prefix}.cats")
        @RetryTopics(delays = {"1s", "2s"})
        public Cat onDog(Dog dog) {
            int call = calls.merge(dog.id(), 1, Integer::sum);
            if (dog.id().equals("hopeless") || dog.id().equals("flaky") && call <= 2) {
                throw new IllegalStateException(dog.id() + " fails again");
            }
            return Cat.of(dog);
        }
    }
}
