package io.kclient.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every offset commit of every consumer in a test, checked as it is asked for against the
 * highest offset the group has had acknowledged so far for that partition: a commit below it
 * would move the group back. A commit is checked when sent (that is when a stale one would do
 * harm) and counts as the group's once the broker acknowledged it (a refused one moved nothing).
 */
final class CommitLedger {

    private final Map<TopicPartition, Long> highestAcknowledged = new HashMap<>();
    private final List<String> backwards = new ArrayList<>();
    private final AtomicInteger consumers = new AtomicInteger();
    private final Map<Integer, Integer> acknowledgedByConsumer = new HashMap<>();

    /** A consumer factory for {@code KClient.Builder#consumerFactory} whose consumers report here. */
    Consumer<byte[], byte[]> newConsumer(Map<String, Object> config) {
        return new RecordingConsumer(config, consumers.incrementAndGet());
    }

    /** Commits that asked for an offset below one the group already had, one line each. */
    synchronized List<String> backwards() {
        return List.copyOf(backwards);
    }

    /** How many consumers had at least one commit acknowledged. */
    synchronized int committingConsumers() {
        return acknowledgedByConsumer.size();
    }

    private synchronized void asked(int consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            Long highest = highestAcknowledged.get(tp);
            if (highest != null && offset.offset() < highest) {
                backwards.add("consumer " + consumer + " committed " + tp + "@" + offset.offset() + " after the group had " + highest);
            }
        });
    }

    private synchronized void acknowledged(int consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> highestAcknowledged.merge(tp, offset.offset(), Math::max));
        acknowledgedByConsumer.merge(consumer, 1, Integer::sum);
    }

    /** The real consumer, with its two commit calls KClient uses reported to the ledger. */
    private final class RecordingConsumer extends KafkaConsumer<byte[], byte[]> {

        private final int number;

        RecordingConsumer(Map<String, Object> config, int number) {
            super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.number = number;
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
            asked(number, copy);
            super.commitSync(copy);
            acknowledged(number, copy);
        }

        @Override
        public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
            asked(number, copy);
            super.commitAsync(copy, (committed, error) -> {
                if (error == null) {
                    acknowledged(number, copy);
                }
                callback.onComplete(committed, error);
            });
        }
    }
}
