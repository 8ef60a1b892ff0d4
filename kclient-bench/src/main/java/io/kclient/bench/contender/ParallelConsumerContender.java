package io.kclient.bench.contender;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelEoSStreamProcessor;
import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Confluent Parallel Consumer in {@code KEY} order with the scenario's concurrency, producing
 * through {@code pollAndProduce}: a record counts as done once its output was acknowledged, the
 * same promise as KClient's. Everything else is its default (periodic asynchronous consumer commits).
 */
final class ParallelConsumerContender implements Contender {

    private ParallelEoSStreamProcessor<byte[], byte[]> processor;

    @Override
    public String name() {
        return "parallel-consumer";
    }

    @Override
    public boolean keepsKeyOrder() {
        return true;
    }

    @Override
    public void start(ContenderContext context) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, context.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, // Parallel Consumer commits itself, and checks
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ProducerDefaults.config(context.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        processor = new ParallelEoSStreamProcessor<>(ParallelConsumerOptions.<byte[], byte[]>builder()
                .ordering(ProcessingOrder.KEY)
                .maxConcurrency(context.concurrency())
                .consumer(consumer)
                .producer(producer)
                .build());
        JsonMapper json = ApplicationJson.plain();
        ObjectReader dogs = json.readerFor(Dog.class);
        ObjectWriter cats = json.writerFor(Cat.class);
        processor.subscribe(List.of(context.inputTopic()));
        processor.pollAndProduce(poll -> {
            ConsumerRecord<byte[], byte[]> record = poll.getSingleConsumerRecord();
            Cat cat = context.work().apply(dogs.readValue(record.value()));
            return new ProducerRecord<>(context.outputTopic(), record.key(), cats.writeValueAsBytes(cat));
        });
    }

    @Override
    public Throwable failure() {
        return processor != null && processor.isClosedOrFailed() ? processor.getFailureCause() : null;
    }

    @Override
    public void close() {
        if (processor != null) {
            processor.close(); // also closes the consumer and the producer it was given
        }
    }
}
