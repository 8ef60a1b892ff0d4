package io.kclient.listener;

import io.kclient.config.RetrySettings;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a poll session's {@link RecordRun}s share: how to call the handler for one record, when to
 * try again, what to do with a record given up for good, and where attempts run and wait.
 */
final class Handling {

    /** Calls the handler for one record, reporting to the attempt. */
    @FunctionalInterface
    interface Call {
        void attempt(ConsumerRecord<byte[], byte[]> record, Attempt attempt);
    }

    final Call call;
    final RetrySettings retry;
    final RetryRule rule;
    final Recoverer recoverer;
    final ScheduledExecutorService scheduler;
    final Executor workers;
    /** Counts the records whose last attempt failed. */
    final HandlerActivity activity;
    private final TransactionalBatch transactions;

    /**
     * @param call how an attempt calls the handler for one record (exactly-once guards are added here)
     * @param transactions the exactly-once batch the records belong to, or {@code null} for at-least-once
     */
    Handling(Call call, RetrySettings retry, Predicate<Throwable> retryable, Recoverer recoverer,
            ScheduledExecutorService scheduler, Executor workers, HandlerActivity activity, TransactionalBatch transactions) {
        this.call = transactions == null ? call : transactions.guard(call);
        this.retry = retry;
        this.rule = new RetryRule(retry.maxAttempts(), retryable);
        this.recoverer = transactions == null ? recoverer : transactions.guard(recoverer);
        this.scheduler = scheduler;
        this.workers = workers;
        this.activity = activity;
        this.transactions = transactions;
    }

    /**
     * Whether the records under way are no longer wanted, though their partitions are still
     * assigned: an exactly-once batch failed. They are given up, not retried.
     */
    boolean abandoned() {
        return transactions != null && transactions.failed();
    }

    /** The refusal that failed an earlier transaction at {@code record}'s output: it goes to its dead letter at once. */
    Throwable refusedBefore(ConsumerRecord<byte[], byte[]> record) {
        return transactions == null ? null : transactions.refusedBefore(record);
    }

    /** The attempt a handler reports to: exactly-once, one that marks the batch failed when an output is refused. */
    Attempt watched(Attempt attempt) {
        return transactions == null ? attempt : transactions.watch(attempt);
    }
}
