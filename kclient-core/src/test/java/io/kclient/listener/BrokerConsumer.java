package io.kclient.listener;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MockConsumer} reading from a {@link TestBroker} as a real consumer reads from a broker:
 * each poll returns the records of its assigned, unpaused partitions from its position on (so a
 * seek reads them again), a poll with nothing to return waits for records up to its timeout
 * instead of spinning, newly assigned partitions start at the group's committed offset, commits
 * go to the broker (which may fail or block them), and asynchronous commits are answered at the
 * next poll or synchronous commit, on the poll thread. Tasks scheduled with
 * {@link #schedulePollTask} run one per poll, before it fetches: rebalances, and sentinels that
 * tell a test that the poll before them was dispatched.
 */
final class BrokerConsumer extends MockConsumer<byte[], byte[]> {

    private final TestBroker broker;
    /** A synchronous commit without a timeout blocks this long at most: the consumer's {@code default.api.timeout.ms}. */
    private final Duration apiTimeout;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> answers = new ConcurrentLinkedQueue<>();
    private final Set<TopicPartition> pausedPartitions = new HashSet<>();
    private int returned;

    BrokerConsumer(TestBroker broker, List<TopicPartition> assigned, Duration apiTimeout) {
        super("earliest");
        this.broker = broker;
        this.apiTimeout = apiTimeout;
        if (!assigned.isEmpty()) {
            schedulePollTask(() -> rebalance(assigned));
        }
    }

    @Override
    public void schedulePollTask(Runnable task) {
        tasks.add(task);
        broker.wake();
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        long seen = broker.appended();
        if (tasks.isEmpty() && !hasRecordsToRead()) {
            broker.awaitAppend(seen, timeout);
        }
        synchronized (this) {
            answerCommits();
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
            }
            for (TopicPartition partition : unpaused()) {
                broker.readFrom(partition, position(partition)).forEach(this::addRecord);
            }
            ConsumerRecords<byte[], byte[]> records = super.poll(Duration.ZERO);
            returned += records.count();
            return records;
        }
    }

    /** Records its polls returned so far, each as often as it was read: a seek back reads some again. */
    synchronized int returned() {
        return returned;
    }

    /**
     * Waits until the poll loop has started {@code polls} more polls: tasks scheduled before run
     * first, and every poll before the last has returned and what the loop does with it (count
     * its records in flight, dispatch them, commit) is done. The sentinel a test waits for to show
     * that something did not happen, without sleeping.
     */
    void awaitPolls(int polls) {
        CountDownLatch polled = new CountDownLatch(polls);
        for (int i = 0; i < polls; i++) {
            schedulePollTask(polled::countDown);
        }
        ContainerRig.await(polled);
    }

    /** A rebalance: new partitions start at the group's committed offset, and unpaused, as with a real consumer. */
    @Override
    public synchronized void rebalance(Collection<TopicPartition> assignment) {
        Set<TopicPartition> added = new HashSet<>(assignment);
        added.removeAll(assignment());
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        added.forEach(partition -> beginnings.put(partition, 0L));
        updateBeginningOffsets(beginnings);
        pausedPartitions.removeAll(added);
        super.commitAsync(broker.committedOffsets(), null); // where the mock starts a partition with no position
        super.rebalance(assignment);
    }

    @Override
    public synchronized void pause(Collection<TopicPartition> partitions) {
        super.pause(partitions);
        pausedPartitions.addAll(partitions);
    }

    @Override
    public synchronized void resume(Collection<TopicPartition> partitions) {
        super.resume(partitions);
        pausedPartitions.removeAll(partitions);
    }

    @Override
    public synchronized Set<TopicPartition> paused() {
        return Set.copyOf(pausedPartitions);
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = broker.committedOffsets();
        return partitions.stream().filter(committed::containsKey).collect(Collectors.toMap(p -> p, committed::get));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        return committed(partitions);
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        Map<TopicPartition, OffsetAndMetadata> commit = Map.copyOf(offsets);
        KafkaException failure = broker.commitAsync(commit);
        if (callback != null) {
            answers.add(() -> callback.onComplete(commit, failure));
        }
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, apiTimeout);
    }

    /** Answers the asynchronous commits sent before it, then blocks (outside the mock's lock) as the broker says. */
    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        synchronized (this) {
            answerCommits();
        }
        broker.commitSync(Map.copyOf(offsets), timeout);
    }

    private void answerCommits() {
        Runnable answer;
        while ((answer = answers.poll()) != null) {
            answer.run();
        }
    }

    private synchronized boolean hasRecordsToRead() {
        return unpaused().stream().anyMatch(partition -> !broker.readFrom(partition, position(partition)).isEmpty());
    }

    private Set<TopicPartition> unpaused() {
        Set<TopicPartition> unpaused = new HashSet<>(assignment());
        unpaused.removeAll(pausedPartitions);
        return unpaused;
    }
}
