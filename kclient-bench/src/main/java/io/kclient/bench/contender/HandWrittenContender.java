package io.kclient.bench.contender;

import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * The ceiling: what plain kafka-clients do with no framework. One consumer per partition (up to
 * the concurrency and the number of cores), each with its partitions assigned directly, so no group rebalance delays the
 * start; one shared producer; sends are asynchronous and a poll's offsets are committed once
 * all of its sends, and those of every earlier poll, were acknowledged (at-least-once, like the
 * others). See {@link HandWrittenLoop}.
 */
final class HandWrittenContender implements Contender {

    private final List<Thread> threads = new ArrayList<>();
    private final List<HandWrittenLoop> loops = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private KafkaProducer<byte[], byte[]> producer;

    @Override
    public String name() {
        return "hand-written";
    }

    @Override
    public boolean keepsKeyOrder() {
        return true; // one thread per partition, sending in offset order through an idempotent producer
    }

    @Override
    public void start(ContenderContext context) {
        producer = new KafkaProducer<>(ProducerDefaults.config(context.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer());
        // buffers recycled per thread, as KClient does: Jackson's default shared deque is slower for platform threads
        ObjectReader dogs = ApplicationJson.PER_THREAD_BUFFERS.readerFor(Dog.class);
        ObjectWriter cats = ApplicationJson.PER_THREAD_BUFFERS.writerFor(Cat.class);
        List<List<TopicPartition>> shares = shares(context);
        for (int i = 0; i < shares.size(); i++) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(context), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            consumer.assign(shares.get(i));
            HandWrittenLoop loop = new HandWrittenLoop(consumer, producer, context.outputTopic(),
                    bytes -> cats.writeValueAsBytes(context.work().apply(dogs.readValue(bytes))));
            Thread thread = new Thread(() -> {
                try {
                    loop.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "hand-written-" + i);
            loops.add(loop);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /**
     * The input's partitions dealt round-robin to {@code min(concurrency, partitions, cores)}
     * consumers: each loop keeps a core busy converting, so more loops than cores only add fetches.
     */
    private static List<List<TopicPartition>> shares(ContenderContext context) {
        List<TopicPartition> partitions;
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(consumerConfig(context), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            partitions = probe.partitionsFor(context.inputTopic()).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        int consumers = Math.min(Math.min(context.concurrency(), partitions.size()), Runtime.getRuntime().availableProcessors());
        List<List<TopicPartition>> shares = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < partitions.size(); i++) {
            shares.get(i % consumers).add(partitions.get(i));
        }
        return shares;
    }

    private static Map<String, Object> consumerConfig(ContenderContext context) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, context.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    @Override
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        loops.forEach(HandWrittenLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close();
        }
    }
}
