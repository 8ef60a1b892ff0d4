package io.kclient;

import static org.awaitility.Awaitility.await;

import io.kclient.clients.KafkaClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Mock Kafka clients for what a test builds (an engine, a publisher), keeping the configurations
 * they were made with: no broker, and what the clients were told is visible. The admin client
 * fails, so an engine's start stops at its topic check; start one container alone with {@link #feed}.
 */
public final class MockClients {

    public final List<Map<String, Object>> consumerConfigs = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> producerConfigs = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> adminConfigs = new CopyOnWriteArrayList<>();
    public final List<MockConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();
    public final List<MockProducer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();

    /** These mock clients in a factory builder. */
    public KafkaClientFactory.Builder onto(KafkaClientFactory.Builder builder) {
        return builder.consumers(this::consumer).producers(this::producer).admins(this::admin);
    }

    /** These mock clients in an engine's builder. */
    public KClient.Builder onto(KClient.Builder builder) {
        return builder.consumerFactory(this::consumer).producerFactory(this::producer).adminFactory(this::admin);
    }

    /** Starts one handler's container alone and gives its consumer {@code value}, on partition 0 of {@code topic}. */
    public void feed(KClient kclient, String handlerId, String topic, String value) {
        int before = consumers.size();
        kclient.container(handlerId).start();
        MockConsumer<byte[], byte[]> consumer = await().atMost(Duration.ofSeconds(10))
                .until(() -> consumers, started -> started.size() > before).get(before);
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.rebalance(List.of(partition));
            consumer.addRecord(new ConsumerRecord<>(topic, 0, 0, "1".getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** The first record the mock producers sent to {@code topic}, once there is one. */
    public ProducerRecord<byte[], byte[]> awaitSent(String topic) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> producers.stream()
                .flatMap(producer -> producer.history().stream()).filter(sent -> sent.topic().equals(topic)).toList(),
                sent -> !sent.isEmpty()).get(0);
    }

    private MockConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
        consumerConfigs.add(config);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumers.add(consumer);
        return consumer;
    }

    private MockProducer<byte[], byte[]> producer(Map<String, Object> config) {
        producerConfigs.add(config);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producers.add(producer);
        return producer;
    }

    private Admin admin(Map<String, Object> config) {
        adminConfigs.add(config);
        throw new IllegalStateException("admin captured");
    }
}
