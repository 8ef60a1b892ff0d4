package io.kclient.listener;

import io.kclient.Delivery;
import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler as a member of a Kafka share group (KIP-932): a work queue. The broker hands
 * each record to one member at a time, whatever the partition count, and tracks per record
 * whether it was accepted, released for another try, or rejected. Records run on
 * {@code concurrency} workers in no order; each is acknowledged, on the poll thread (the share
 * consumer is not thread-safe), as its {@link ShareDeliveryPolicy} decides. The next poll waits
 * until every record of the previous one is acknowledged, as explicit acknowledgement requires.
 */
public final class ShareGroupContainer extends PollingContainer {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupContainer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long VERDICT_WAIT_MILLIS = 100;

    private final Supplier<ShareConsumer<byte[], byte[]>> consumerFactory;
    private final ShareDeliveryPolicy policy;
    /** Acknowledgements decided on the workers, for the poll thread to send. */
    private final BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param id the handler id, naming threads, logs and metrics
     * @param subscription the topics to consume (share groups take no pattern)
     * @param settings group, concurrency and retries ({@code retry.max-attempts} bounds deliveries)
     * @param consumerFactory a new share consumer, in explicit acknowledgement mode, for each start
     * @param handler the handler, run on the workers
     * @param retryable which failures are worth another delivery
     * @param recoverer what becomes of a record after its last delivery
     * @param activity keeps what the handler's status shows: failure, stalls, last completion
     */
    public ShareGroupContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<ShareConsumer<byte[], byte[]>> consumerFactory, RecordHandler handler,
            Predicate<Throwable> retryable, Recoverer recoverer, HandlerActivity activity) {
        super(id, subscription, settings, activity);
        if (subscription.pattern() != null) {
            throw new IllegalArgumentException("A share group subscribes to named topics, not to a pattern");
        }
        this.consumerFactory = consumerFactory;
        this.policy = new ShareDeliveryPolicy(handler, settings.retry().maxAttempts(), retryable, recoverer, activity);
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

    /** Records of the current poll not yet acknowledged. */
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
            consumer.setAcknowledgementCommitCallback((acknowledged, error) -> {
                if (error != null) { // for example their acquisition lock expired: the broker delivers them again
                    log.warn("Handler '{}': the broker did not take acknowledgements of {}; they will be delivered again",
                            id, acknowledged.keySet(), error);
                }
            });
            consumer.subscribe(subscription.topics());
            subscribed();
            while (isRunning()) {
                if (isPauseRequested()) {
                    sleep(VERDICT_WAIT_MILLIS);
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    inFlight.incrementAndGet();
                    activity.received(record);
                    workers.execute(() -> policy.handle(record).thenAccept(type -> verdicts.add(new Verdict(record, type))));
                }
                acknowledgeBatch(consumer);
            }
            stopping();
            consumer.commitSync(settings.shutdownTimeout());
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

    /**
     * Acknowledges every record of the last poll as its verdict comes. On stop, what is still
     * running after the shutdown timeout stays unacknowledged: closing the consumer releases it.
     */
    private void acknowledgeBatch(ShareConsumer<byte[], byte[]> consumer) throws InterruptedException {
        long deadline = Long.MAX_VALUE;
        while (inFlight.get() > 0) {
            if (!isRunning() && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
            }
            if (System.nanoTime() >= deadline) {
                log.warn("Handler '{}': {} records still running after {}; they will be delivered again", id, inFlight.get(),
                        settings.shutdownTimeout());
                return;
            }
            Verdict verdict = verdicts.poll(VERDICT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (verdict != null) {
                consumer.acknowledge(verdict.record(), verdict.type());
                inFlight.decrementAndGet();
                activity.settled();
            }
        }
    }

    private record Verdict(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
    }
}
