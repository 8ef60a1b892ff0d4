package io.kclient.listener;

import io.kclient.Delivery;
import io.kclient.config.HandlerSettings;
import io.kclient.observe.HandlerObserver;
import io.kclient.producer.TransactionalOutput;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Runs one handler in a consumer group: each start makes a consumer, {@code concurrency} workers
 * and a {@link PollSession} that owns them, and runs the session's poll loop on the poll thread.
 * At-least-once ({@link AtLeastOnceSession}): an offset is committed only when every record below
 * it is done. Exactly-once (given a {@link TransactionalOutput}, {@link ExactlyOnceSession}): each
 * poll runs in one transaction that commits its outputs, dead letters and offsets together.
 *
 * <p>A record of a retry topic that is not due yet is read again later: its partition is paused
 * until then (see {@link DueTimeGate}), and the other partitions flow on.
 */
public final class HandlerContainer extends PollingContainer {

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final RecordHandler handler;
    private final BatchRecordHandler batchHandler;
    private final Predicate<Throwable> retryable;
    private final Recoverer recoverer;
    private final ScheduledExecutorService scheduler;
    private final TransactionalOutput transactions;
    private volatile PollSession current;

    /**
     * @param id the handler id, naming threads, logs and metrics
     * @param subscription the topics to consume
     * @param settings group, concurrency, ordering, bounds and retries
     * @param consumerFactory a new consumer for each start (a {@code MockConsumer} in tests)
     * @param handler the handler, run on the workers
     * @param retryable which failures are worth another attempt
     * @param recoverer what becomes of a record after its last attempt
     * @param scheduler where retry backoffs wait (shared, holds no worker)
     */
    public HandlerContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, RecordHandler handler, Predicate<Throwable> retryable,
            Recoverer recoverer, ScheduledExecutorService scheduler) {
        this(id, subscription, settings, consumerFactory, handler, retryable, recoverer, scheduler, null,
                new HandlerActivity(id, HandlerObserver.NONE));
    }

    /**
     * As the other constructor; with {@code transactions} set the handler is exactly-once: its
     * output must be sent through that producer, and its consumer must read committed records only.
     * {@code activity} hears each record's events and keeps what the handler's status shows.
     */
    public HandlerContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, RecordHandler handler, Predicate<Throwable> retryable,
            Recoverer recoverer, ScheduledExecutorService scheduler, TransactionalOutput transactions,
            HandlerActivity activity) {
        this(id, subscription, settings, consumerFactory, handler, null, retryable, recoverer, scheduler, transactions, activity);
    }

    /**
     * A container for a handler of lists: each call gets records of one partition, at most
     * {@code settings.batchMaxRecords()}; otherwise as the other constructors.
     */
    public HandlerContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, BatchRecordHandler handler, Predicate<Throwable> retryable,
            Recoverer recoverer, ScheduledExecutorService scheduler, TransactionalOutput transactions,
            HandlerActivity activity) {
        this(id, subscription, settings, consumerFactory, null, handler, retryable, recoverer, scheduler, transactions, activity);
    }

    private HandlerContainer(String id, Subscription subscription, HandlerSettings settings,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, RecordHandler handler, BatchRecordHandler batchHandler,
            Predicate<Throwable> retryable, Recoverer recoverer, ScheduledExecutorService scheduler,
            TransactionalOutput transactions, HandlerActivity activity) {
        super(id, subscription, settings, activity);
        this.consumerFactory = consumerFactory;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.retryable = retryable;
        this.recoverer = recoverer;
        this.scheduler = scheduler;
        this.transactions = transactions;
    }

    /** Exactly-once when the container runs each poll in a transaction, else at-least-once. */
    @Override
    public Delivery delivery() {
        return transactions != null ? Delivery.EXACTLY_ONCE : Delivery.AT_LEAST_ONCE;
    }

    /** Partitions assigned to this container's consumer now. */
    @Override
    public Set<TopicPartition> assignment() {
        PollSession session = current;
        return session == null ? Set.of() : session.assignment();
    }

    /**
     * Records received and not yet committed: running, waiting for their key or partition, or done
     * and not yet covered by a commit. A crash could deliver these again, so they are what
     * {@code max-in-flight} bounds.
     */
    @Override
    public int inFlight() {
        PollSession session = current;
        return session == null ? 0 : session.inFlight.records();
    }

    @Override
    protected void pollLoop() {
        Workers workers = new Workers(settings.concurrency(), new WorkerThreads("kclient-" + id + "-worker-"));
        activity.load().workers(workers::busy); // sampled once a second, for the autoscaling signal
        TransactionalBatch batch = transactions != null ? new TransactionalBatch(transactions) : null;
        Consumer<byte[], byte[]> consumer = null;
        PollSession session = null;
        try {
            if (batch != null) {
                batch.start();
            }
            consumer = consumerFactory.get();
            // a list grows with its lane's share of a poll: one lane per worker, not several
            int lanesPerWorker = batchHandler != null ? 1 : Lanes.LANES_PER_WORKER;
            session = batch == null ? new AtLeastOnceSession(this, consumer, workers, lanesPerWorker)
                    : new ExactlyOnceSession(this, consumer, workers, lanesPerWorker, batch);
            Handling.Call call = batchHandler != null ? BatchTurns.single(batchHandler) : handler::handle;
            Handling handling = new Handling(call, settings.retry(), retryable, recoverer, scheduler, workers, activity, batch);
            session.turns(batchHandler != null
                    ? new BatchTurns(workers, handling, settings.ordering(), batchHandler, settings.batchMaxRecords())
                    : new RecordTurns(workers, handling, settings.ordering()));
            current = session;
            session.run();
        } catch (WakeupException expected) {
            // stop() raced with a blocking call
        } finally {
            if (session != null) {
                PollSession.release(session.partitions());
            }
            workers.shutdown();
            if (batch != null) {
                batch.stop(Duration.ofSeconds(5));
            }
            closeQuietly(consumer, (closing, timeout) -> closing.close(CloseOptions.timeout(timeout)));
            if (current == session) {
                current = null;
            }
        }
    }
}
