package io.kclient.listener;

import io.kclient.Ordering;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
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

    /** Records a worker runs of one lane before handing the lane back to the queue. */
    static final int TURNS_PER_HAND_OFF = 32;

    private final Executor workers;
    private final BiFunction<TopicPartition, ConsumerRecord<byte[], byte[]>, Object> laneOf;
    private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();

    OrderedDispatcher(Ordering ordering, Executor workers) {
        this.workers = workers;
        this.laneOf = switch (ordering) {
            case KEY -> (partition, record) -> record.key() == null ? null : new KeyLane(partition, record.key());
            case PARTITION -> (partition, record) -> partition;
            case NONE -> (partition, record) -> null;
        };
    }

    /**
     * Runs {@code task} for {@code record} once every earlier record of its lane is finished.
     *
     * @param partition the record's partition: one instance per partition, whose hash is computed once
     */
    void dispatch(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, Supplier<CompletionStage<?>> task) {
        Object laneKey = laneOf.apply(partition, record);
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
        workers.execute(() -> runLane(laneKey, task));
    }

    /**
     * Runs {@code task}, then, while each record finishes at once, the lane's next ones on this
     * same worker: a lane's successor is ready the moment its predecessor ends, and queueing it
     * behind every other lane's work would cost a hand-off per record (in {@code PARTITION} mode,
     * nearly every record). After {@link #TURNS_PER_HAND_OFF} records the lane goes back to the
     * queue, so a lane with a backlog does not keep a worker from the others.
     */
    private void runLane(Object laneKey, Supplier<CompletionStage<?>> first) {
        Supplier<CompletionStage<?>> task = first;
        for (int turn = 1; ; turn++) {
            CompletionStage<?> stage;
            try {
                stage = task.get();
            } catch (RuntimeException | Error e) {
                runNext(laneKey);
                throw e;
            }
            if (turn == TURNS_PER_HAND_OFF || !(stage instanceof CompletableFuture<?> future) || !future.isDone()) {
                stage.whenComplete((result, failure) -> runNext(laneKey));
                return;
            }
            task = next(laneKey);
            if (task == null) {
                return;
            }
        }
    }

    private void runNext(Object laneKey) {
        Supplier<CompletionStage<?>> next = next(laneKey);
        if (next != null) {
            run(laneKey, next);
        }
    }

    /** Takes the lane's next waiting record, or closes the lane when none is waiting. */
    private Supplier<CompletionStage<?>> next(Object laneKey) {
        @SuppressWarnings("unchecked")
        Supplier<CompletionStage<?>>[] next = new Supplier[1];
        lanes.computeIfPresent(laneKey, (key, lane) -> {
            next[0] = lane.waiting.poll();
            return next[0] == null ? null : lane;
        });
        return next[0];
    }

    /** The records of one lane waiting for the running one; guarded by the map's per-key lock. */
    private static final class Lane {
        final Queue<Supplier<CompletionStage<?>>> waiting = new ArrayDeque<>(2);
    }

    /**
     * The lane of a key on one partition: equal key bytes on one partition share it. The hash is
     * computed once, since the lane map asks for it when the record arrives and when it ends.
     */
    private static final class KeyLane {

        private final TopicPartition partition;
        private final byte[] key;
        private final int hash;

        KeyLane(TopicPartition partition, byte[] key) {
            this.partition = partition;
            this.key = key;
            this.hash = 31 * partition.hashCode() + Arrays.hashCode(key);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyLane lane && hash == lane.hash && Arrays.equals(key, lane.key)
                    && partition.equals(lane.partition);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
