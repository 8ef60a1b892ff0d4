package io.kclient.bench.rpc;

import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor for {@link RoundTripRun}: the same round trip written by hand on kafka-clients, with
 * nothing but what it needs: a responder thread reading requests and answering each at once, and
 * a caller that sends a request and polls the reply topic until its answer comes. Both sides
 * convert JSON, as KClient does, and send with {@code linger.ms=0}.
 */
final class HandWrittenPingPong implements AutoCloseable {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final JsonMapper json = JsonMapper.builder().build();
    private final String requests;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> replies;
    private final KafkaConsumer<byte[], byte[]> responderConsumer;
    private final Thread responder;
    private volatile boolean running = true;

    HandWrittenPingPong(String bootstrapServers, String requests, String replyTopic, DogToCat work) {
        this.requests = requests;
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        this.replies = atEnd(bootstrapServers, replyTopic);
        this.responderConsumer = atEnd(bootstrapServers, requests);
        this.responder = new Thread(() -> respond(replyTopic, work), "bench-ping-pong-responder");
        responder.start();
    }

    private static KafkaConsumer<byte[], byte[]> atEnd(String bootstrapServers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        consumer.position(partitions.get(0));
        return consumer;
    }

    private void respond(String replyTopic, DogToCat work) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> request : responderConsumer.poll(POLL)) {
                    Cat cat = work.apply(json.readValue(request.value(), Dog.class));
                    producer.send(new ProducerRecord<>(replyTopic, request.key(), json.writeValueAsBytes(cat)));
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } finally {
            responderConsumer.close();
        }
    }

    /** One round trip: the request for dog {@code id}, then polls until its cat came back. */
    void call(long id) {
        byte[] key = Long.toString(id).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(requests, key, json.writeValueAsBytes(new Dog(id, "Rex", 3, 0))));
        while (true) {
            for (ConsumerRecord<byte[], byte[]> reply : replies.poll(POLL)) {
                if (json.readValue(reply.value(), Cat.class).id() == id) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        responderConsumer.wakeup();
        responder.join();
        replies.close();
        producer.close();
    }
}
