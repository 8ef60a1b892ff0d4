package io.kclient.rpc;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a client's reply topic on a thread of its own. It is assigned every partition, with no
 * consumer group: no rebalance delays the start, and no offsets are committed, since a reply is
 * worth nothing once its caller has gone. It starts at the topic's end, so replies to an earlier
 * run's calls are skipped.
 */
final class ReplyListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Assigns the topic's partitions and waits until their end offsets are known, so that every
     * reply to a request sent after this returns is read.
     */
    ReplyListener(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String topic, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> replies) {
        this.consumer = consumer;
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, timeout));
        this.thread = new Thread(() -> poll(replies), "kclient-rpc-replies-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Consumer<ConsumerRecord<byte[], byte[]>> replies) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> reply : consumer.poll(POLL_TIMEOUT)) {
                    replies.accept(reply);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException e) {
            log.error("The RPC reply listener stopped; calls will time out", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops reading and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
