package io.kclient.boot.autoconfigure;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.kclient.KClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives every client KClient makes (the engine's, the RpcClient's, the publisher's) mock Kafka
 * clients through a {@link KafkaClientFactoryCustomizer}, and keeps the configurations they were
 * created with: no broker, and what the clients were told is visible.
 */
@Configuration(proxyBeanMethods = false)
public class MockKafkaClients {

    /** The reply topic the tests give the RpcClient bean: its mock consumer knows its one partition. */
    static final String REPLY_TOPIC = "replies";

    final List<Map<String, Object>> producerConfigs = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> consumerConfigs = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> adminConfigs = new CopyOnWriteArrayList<>();
    final List<MockProducer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();
    final List<MockConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();

    /** A context with KClient's auto-configuration on these mock clients, its handlers not started. */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KClientAutoConfiguration.class))
                .withUserConfiguration(MockKafkaClients.class)
                .withPropertyValues("kclient.auto-startup=false", "kclient.bootstrap-servers=localhost:9092",
                        "kclient.rpc.reply-topic=" + REPLY_TOPIC);
    }

    /**
     * Starts one handler's container alone (KClient.start() would ask a broker for topics) and gives
     * its consumer {@code record}, on partition 0 of the record's topic.
     */
    void feed(KClient kclient, String handlerId, ConsumerRecord<byte[], byte[]> record) {
        kclient.container(handlerId).start();
        MockConsumer<byte[], byte[]> consumer = await().until(() -> consumers, started -> !started.isEmpty()).get(0);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.rebalance(List.of(partition));
            consumer.addRecord(record);
        });
    }

    /** Starts one handler's container alone and returns the configuration its consumer was created with. */
    Map<String, Object> consumerConfigOf(KClient kclient, String handlerId) {
        kclient.container(handlerId).start();
        return await().until(() -> consumerConfigs, configs -> !configs.isEmpty()).get(0);
    }

    /** Feeds {@code payload} to the handler with id "dogs", on topic "dogs", and returns its dead letter. */
    ProducerRecord<byte[], byte[]> deadLetterOfDog(KClient kclient, String payload) {
        feed(kclient, "dogs", new ConsumerRecord<>("dogs", 0, 0, "1".getBytes(StandardCharsets.UTF_8),
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8)));
        return awaitSent("dogs.DLT");
    }

    /**
     * The configuration of the producer the handler with id "dogs" sends with, made at its first
     * send (here, the dead letter of a record it cannot read).
     */
    Map<String, Object> producerConfigOfDogs(KClient kclient) {
        deadLetterOfDog(kclient, "{not json");
        return producerConfigs.get(0);
    }

    /** An admin client for which {@code topics} exist, as {@code KClient.start()} checks before it starts handlers. */
    static Admin adminListing(String... topics) {
        Admin admin = mock(Admin.class, RETURNS_DEEP_STUBS);
        when(admin.listTopics().names()).thenReturn(KafkaFuture.completedFuture(Set.of(topics)));
        return admin;
    }

    /** A header's last value, as text. */
    static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The first record the engine's producers sent to {@code topic}, once there is one. */
    ProducerRecord<byte[], byte[]> awaitSent(String topic) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> producers.stream()
                .flatMap(producer -> producer.history().stream()).filter(sent -> sent.topic().equals(topic)).toList(),
                sent -> !sent.isEmpty()).get(0);
    }

    @Bean
    KafkaClientFactoryCustomizer mockKafkaClientsCustomizer() {
        return builder -> builder
                .consumers(config -> {
                    consumerConfigs.add(config);
                    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
                    TopicPartition reply = new TopicPartition(REPLY_TOPIC, 0);
                    consumer.updatePartitions(REPLY_TOPIC, List.of(new PartitionInfo(REPLY_TOPIC, 0, null, null, null)));
                    consumer.updateBeginningOffsets(Map.of(reply, 0L));
                    consumer.updateEndOffsets(Map.of(reply, 0L));
                    consumers.add(consumer);
                    return consumer;
                })
                .producers(config -> {
                    producerConfigs.add(config);
                    MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                            new ByteArraySerializer());
                    producers.add(producer);
                    return producer;
                })
                .admins(config -> {
                    adminConfigs.add(config);
                    return adminListing(REPLY_TOPIC); // the RpcClient starts; an engine's start finds its topics missing
                });
    }
}
