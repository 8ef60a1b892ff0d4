package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app stopped while dogs keep arriving, then started again: it resumes from the offset
 * it committed, so every dog gets its cat and none is handled twice. The broker lives outside the
 * app here, as a real cluster would.
 */
class SampleRestartIntegrationTests {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aRestartedAppResumesFromTheCommittedOffsetWithoutLoss() throws Exception {
        // one request in flight: the app has only just created "dogs", and when a fresh partition
        // refuses the first batch (leader not ready) but takes a later one, the broker refuses the
        // retried first batch for good (out of order sequence), and those dogs are never sent
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new StringSerializer())) {
            try (ConfigurableApplicationContext app = startApp()) {
                sendDogs(producer, "a", 200);
                awaitCats(200);
            }
            sendDogs(producer, "b", 200); // while the app is down
            try (ConfigurableApplicationContext app = startApp()) {
                List<String> ids = awaitCats(400);
                assertThat(new HashSet<>(ids)).as("every dog got its cat").hasSize(400);
                assertThat(ids).as("a graceful stop committed everything: no cat twice").hasSize(400);
            }
        }
    }

    private static ConfigurableApplicationContext startApp() {
        return new SpringApplicationBuilder(SampleApplication.class).run(
                "--server.port=0", "--kclient.bootstrap-servers=" + kafka.bootstrapServers());
    }

    private static void sendDogs(KafkaProducer<String, String> producer, String batch, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String id = batch + i;
            producer.send(new ProducerRecord<>("dogs", "key" + (i % 17), "{\"id\":\"" + id + "\",\"name\":\"Rex\",\"age\":2}"));
        }
        producer.flush();
    }

    /** The ids of the cats on the cats topic, once there are at least {@code expected} (or after a minute). */
    private static List<String> awaitCats(int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor("cats").forEach(p -> partitions.add(new TopicPartition("cats", p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> ids = new ArrayList<>();
            Set<TopicPartition> ended = new HashSet<>();
            while (System.nanoTime() < deadline && (ids.size() < expected || ended.size() < partitions.size())) {
                for (ConsumerRecord<byte[], byte[]> cat : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(new String(cat.value(), StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
                }
                if (ids.size() >= expected) {
                    // read to the end, so duplicates past the expected count are seen too
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    partitions.stream().filter(p -> consumer.position(p) >= ends.get(p)).forEach(ended::add);
                }
            }
            return ids;
        }
    }
}
