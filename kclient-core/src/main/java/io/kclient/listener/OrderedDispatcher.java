package io.kclient.listener;

import io.kclient.Ordering;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs records on the workers while keeping the handler's {@link Ordering}. Records sharing a lane
 * (a key, or a partition) run one at a time in dispatch order: the next starts only when the
 * previous one's stage completes, which may be long after its worker was freed (asynchronous
 * handlers, retry backoff). Different lanes run in parallel on any free worker, so parallelism is
 * not capped by the partition count. Records with no key have no order to keep in {@code KEY} mode.
 */
final class OrderedDispatcher {

    private final Executor workers;
    private final Function<ConsumerRecord<byte[], byte[]>, Object> laneOf;
    private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();

    OrderedDispatcher(Ordering ordering, Executor workers) {
        this.workers = workers;
        this.laneOf = switch (ordering) {
            case KEY -> OrderedDispatcher::keyLane;
            case PARTITION -> record -> new TopicPartition(record.topic(), record.partition());
            case NONE -> record -> null;
        };
    }

    private static Object keyLane(ConsumerRecord<byte[], byte[]> record) {
        // the key's bytes, per partition: equal keys on one partition share a lane
        return record.key() == null ? null : new KeyLane(record.topic(), record.partition(), ByteBuffer.wrap(record.key()));
    }

    /** Runs {@code task} for {@code record} once every earlier record of its lane is finished. */
    void dispatch(ConsumerRecord<byte[], byte[]> record, Supplier<CompletionStage<?>> task) {
        Object laneKey = laneOf.apply(record);
        if (laneKey == null) {
            workers.execute(task::get);
            return;
        }
        boolean[] startNow = new boolean[1];
        lanes.compute(laneKey, (key, lane) -> {
            if (lane == null) {
                startNow[0] = true;
                return new Lane();
            }
            lane.waiting.add(task);
            return lane;
        });
        if (startNow[0]) {
            run(laneKey, task);
        }
    }

    /** Lanes with a record running or waiting; for tests and metrics. */
    int activeLanes() {
        return lanes.size();
    }

    private void run(Object laneKey, Supplier<CompletionStage<?>> task) {
        workers.execute(() -> {
            CompletionStage<?> stage;
            try {
                stage = task.get();
            } catch (RuntimeException | Error e) {
                runNext(laneKey);
                throw e;
            }
            stage.whenComplete((result, failure) -> runNext(laneKey));
        });
    }

    private void runNext(Object laneKey) {
        @SuppressWarnings("unchecked")
        Supplier<CompletionStage<?>>[] next = new Supplier[1];
        lanes.computeIfPresent(laneKey, (key, lane) -> {
            next[0] = lane.waiting.poll();
            return next[0] == null ? null : lane;
        });
        if (next[0] != null) {
            run(laneKey, next[0]);
        }
    }

    /** The records of one lane waiting for the running one; guarded by the map's per-key lock. */
    private static final class Lane {
        final Queue<Supplier<CompletionStage<?>>> waiting = new ArrayDeque<>(2);
    }

    private record KeyLane(String topic, int partition, ByteBuffer key) {
    }
}
