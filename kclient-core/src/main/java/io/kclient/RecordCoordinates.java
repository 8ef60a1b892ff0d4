package io.kclient;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record came from. A handler parameter of this type annotated
 * {@link io.kclient.annotation.KafkaMetadata} receives it; runtime errors carry it.
 *
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param timestamp the record's timestamp, milliseconds since the epoch
 */
public record RecordCoordinates(String topic, int partition, long offset, long timestamp) {

    public static RecordCoordinates of(ConsumerRecord<?, ?> record) {
        return new RecordCoordinates(record.topic(), record.partition(), record.offset(), record.timestamp());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
