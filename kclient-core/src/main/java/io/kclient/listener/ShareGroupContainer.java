package io.kclient.listener;

import io.kclient.Delivery;
import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler as a member of a Kafka share group (KIP-932): a work queue. The broker hands
 * each record to one member at a time, whatever the partition count, and tracks per record
 * whether it was accepted, released for another try, or rejected. Records run on
 * {@code concurrency} workers in no order; each is acknowledged, on the poll thread (the share
 * consumer is not thread-safe), as its {@link ShareDeliveryPolicy} decides: a released one after
 * its backoff. A record still running, or held for its backoff, when half the broker's
 * acquisition lock has passed is renewed ({@code RENEW}, KIP-1222), so no other member gets it
 * while this one has it. The next poll fetches new records once every record of the previous one
 * is acknowledged, as explicit acknowledgement requires.
 *
 * <p>About 300 lines: the poll loop, its settling and renewing, and its sampling are one session
 * over one consumer; what the acquired records are lives in {@link AcquiredRecords}.
 */
public final class ShareGroupContainer extends PollingContainer {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupContainer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long VERDICT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The broker's default {@code group.share.record.lock.duration.ms}, until the consumer learns the group's. */
    private static final Duration DEFAULT_LOCK = Duration.ofSeconds(30);
    /** How often the broker is asked for the group's lag: a request to the group coordinator each time. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

    private final Supplier<ShareConsumer<byte[], byte[]>> consumerFactory;
    private final ShareDeliveryPolicy policy;
    private final ShareGroupProbe probe;
    /** Verdicts reached on the workers, for the poll thread to acknowledge. */
    private final BlockingQueue<Decided> verdicts = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<ShareGroupProbe.Backlog> backlog = new AtomicReference<>(ShareGroupProbe.Backlog.UNKNOWN);
    private final AtomicBoolean probing = new AtomicBoolean();

    /**
     * @param id the handler id, naming threads, logs and metrics
     * @param subscription the topics to consume (share groups take no pattern)
     * @param settings group, concurrency and retries ({@code retry.max-attempts} bounds deliveries,
     *     its backoff delays each release)
     * @param consumerFactory a new share consumer, in explicit acknowledgement mode, for each start
     * @param handler the handler, run on the workers
     * @param retryable which failures are worth another delivery
     * @param recoverer what becomes of a record after its last delivery
     * @param probe asks the broker for the group's lag
     * @param activity keeps what the handler's status shows: failure, stalls, last completion, lag
     */
    public ShareGroupContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<ShareConsumer<byte[], byte[]>> consumerFactory, RecordHandler handler,
            Predicate<Throwable> retryable, Recoverer recoverer, ShareGroupProbe probe, HandlerActivity activity) {
        super(id, subscription, settings, activity);
        if (subscription.pattern() != null) {
            throw new IllegalArgumentException("A share group subscribes to named topics, not to a pattern");
        }
        this.consumerFactory = consumerFactory;
        this.policy = new ShareDeliveryPolicy(handler, settings.retry(), retryable, recoverer, activity);
        this.probe = probe;
    }

    /** Always at-least-once: a share group cannot commit in a producer's transaction. */
    @Override
    public Delivery delivery() {
        return Delivery.AT_LEAST_ONCE;
    }

    /** None: the broker hands out records of any partition to any member of a share group. */
    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    /** Records received and not yet acknowledged: running, held for their backoff, or waiting to be acknowledged. */
    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    protected void pollLoop() {
        ExecutorService workers = newWorkerPool();
        ShareConsumer<byte[], byte[]> consumer = null;
        try {
            consumer = consumerFactory.get();
            new Session(consumer, workers).run();
        } catch (WakeupException expected) {
            // stop() raced with a blocking call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workers.shutdown();
            closeQuietly(consumer, ShareConsumer::close);
            verdicts.clear();
            inFlight.set(0);
        }
    }

    /** One run of the poll loop, on the poll thread: the consumer and the acquired records are touched nowhere else. */
    private final class Session {

        private final ShareConsumer<byte[], byte[]> consumer;
        private final ExecutorService workers;
        private final AcquiredRecords acquired = new AcquiredRecords();
        /** Acknowledgements made that no poll or commit has sent yet. */
        private boolean unsent;
        private long renewAtNanos;
        private long stopDeadlineNanos = Long.MAX_VALUE;
        private long nextProbeNanos = System.nanoTime();
        private long nextSampleNanos = System.nanoTime();

        Session(ShareConsumer<byte[], byte[]> consumer, ExecutorService workers) {
            this.consumer = consumer;
            this.workers = workers;
        }

        void run() throws InterruptedException {
            consumer.setAcknowledgementCommitCallback(this::acknowledgementsCompleted);
            consumer.subscribe(subscription.topics());
            subscribed();
            while (isRunning()) {
                if (!isPauseRequested() || acquired.hasRenewing()) {
                    unsent = false; // a poll sends the acknowledgements made
                    take(consumer.poll(POLL_TIMEOUT));
                } else if (unsent) {
                    consumer.commitAsync(); // paused: send the last acknowledgements without fetching more
                    unsent = false;
                } else if (acquired.isEmpty()) {
                    sleep(TimeUnit.NANOSECONDS.toMillis(VERDICT_WAIT_NANOS));
                }
                settle();
                sample();
            }
            stopping();
            drain();
            consumer.commitSync(settings.shutdownTimeout());
        }

        /**
         * Dispatches the records new to this member; records of its own that a poll handed back
         * after their renewal are current again. Paused or stopping, new records are released at once.
         */
        private void take(ConsumerRecords<byte[], byte[]> records) {
            long now = System.nanoTime();
            if (!records.isEmpty()) {
                renewAtNanos = now + lockDuration().toNanos() / 2;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (!acquired.take(record)) {
                    continue;
                }
                if (isPauseRequested() || !isRunning()) {
                    acquired.releaseNow(consumer, record); // not received: no worker saw it
                    unsent = true;
                    continue;
                }
                activity.topic(record.topic()).received(1);
                workers.execute(() -> policy.handle(record).thenAccept(verdict -> verdicts.add(new Decided(record, verdict))));
            }
            inFlight.set(acquired.size());
            activity.progress(acquired.size(), 0);
        }

        /**
         * Acknowledges the current records as their verdicts come due, until none is left, half
         * their lock has passed (the rest are renewed), or a stop's timeout ran out (what still
         * runs is left to the consumer's close, which releases it).
         */
        private void settle() throws InterruptedException {
            while (acquired.hasCurrent()) {
                long now = System.nanoTime();
                if (!isRunning() && stopDeadlineNanos == Long.MAX_VALUE) {
                    stopDeadlineNanos = now + settings.shutdownTimeout().toNanos();
                }
                acknowledgeDue(now);
                if (!acquired.hasCurrent()) {
                    return;
                }
                if (now - stopDeadlineNanos >= 0) {
                    log.warn("Handler '{}': {} records still running after {}; they will be delivered again", id, acquired.size(),
                            settings.shutdownTimeout());
                    return;
                }
                if (now - renewAtNanos >= 0) {
                    acquired.renewCurrent(consumer, now);
                    unsent = true;
                    return;
                }
                long wait = Math.min(VERDICT_WAIT_NANOS, Math.min(renewAtNanos - now, acquired.nanosUntilNextDue(now)));
                Decided decided = verdicts.poll(Math.max(wait, 1), TimeUnit.NANOSECONDS);
                if (decided != null) {
                    acquired.decide(decided.record(), decided.verdict(), System.nanoTime());
                }
                sample(); // a slow record can keep the loop here for half a lock
            }
        }

        private void acknowledgeDue(long now) {
            for (Decided decided; (decided = verdicts.poll()) != null;) {
                acquired.decide(decided.record(), decided.verdict(), now);
            }
            int acknowledged = acquired.acknowledgeDue(consumer, now, !isRunning());
            unsent |= acknowledged > 0;
            inFlight.set(acquired.size());
            activity.progress(acquired.size(), acknowledged);
        }

        /** After a stop: polls back the records being renewed, to acknowledge them too, until the shutdown timeout. */
        private void drain() throws InterruptedException {
            while (acquired.hasRenewing() && System.nanoTime() - stopDeadlineNanos < 0) {
                forgetExpired();
                take(consumer.poll(POLL_TIMEOUT));
                settle();
            }
        }

        /** On the poll thread, in a poll or commit: a renewal the broker refused means the record is no longer ours. */
        private void acknowledgementsCompleted(Map<TopicIdPartition, Set<Long>> offsets, Exception error) {
            if (error == null) {
                return;
            }
            offsets.forEach((partition, lost) -> forgotten(acquired.forgetLost(partition.topic(), partition.partition(), lost),
                    error));
            log.warn("Handler '{}': the broker did not take acknowledgements of {}; those records will be delivered again",
                    id, offsets.keySet(), error);
        }

        /** Records renewing for longer than a lock lasts are lost, whatever the broker said (or did not). */
        private void forgetExpired() {
            forgotten(acquired.forgetExpired(System.nanoTime(), lockDuration().toNanos()), null);
        }

        private void forgotten(List<ConsumerRecord<byte[], byte[]>> records, Exception error) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                log.warn("Handler '{}' lost its lock on record {}-{}@{} while handling it; the broker delivers it again",
                        id, record.topic(), record.partition(), record.offset(), error);
            }
            inFlight.set(acquired.size());
            activity.progress(acquired.size(), records.size());
        }

        private Duration lockDuration() {
            return consumer.acquisitionLockTimeoutMs().map(Duration::ofMillis).orElse(DEFAULT_LOCK);
        }

        /** Lag, in-flight and connection for the handler's status, at most once a second; the group's lag every few seconds. */
        private void sample() {
            long now = System.nanoTime();
            if (now - nextSampleNanos < 0) {
                return;
            }
            nextSampleNanos = now + HandlerActivity.SAMPLE_INTERVAL.toNanos();
            if (now - nextProbeNanos >= 0 && probing.compareAndSet(false, true)) {
                nextProbeNanos = now + PROBE_INTERVAL.toNanos();
                probeSafely().whenComplete((answer, failure) -> {
                    if (answer != null) {
                        backlog.set(answer);
                    } else {
                        log.debug("Handler '{}': could not read the lag of share group '{}'", id, settings.groupId(), failure);
                    }
                    probing.set(false);
                });
            }
            forgetExpired();
            ShareGroupProbe.Backlog group = backlog.get();
            activity.sampleShare(consumer.metrics(), group.lag(), group.members(), acquired.size(), acquired.bytes());
        }

        private CompletionStage<ShareGroupProbe.Backlog> probeSafely() {
            try {
                return probe.probe();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private record Decided(ConsumerRecord<byte[], byte[]> record, ShareVerdict verdict) {
    }
}
