package io.kclient.listener;

import io.kclient.config.RetrySettings;
import io.kclient.observe.TopicObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one record a share group delivered and says how to acknowledge it. The broker's
 * redelivery is the retry: a retryable failure is {@code RELEASE}d while the record has deliveries
 * left, after the backoff of its retry settings, so any member of the group may try it again; a
 * failure at the limit, or one that will repeat (a payload that cannot be converted), is recovered
 * (error handler, dead-letter topic) and {@code REJECT}ed. A record whose recovery failed is
 * released after the same backoff, to be recovered at its next delivery.
 */
final class ShareDeliveryPolicy {

    private static final Logger log = LoggerFactory.getLogger(ShareDeliveryPolicy.class);

    private final RecordHandler handler;
    private final RetryRule rule;
    private final RetrySettings retry;
    private final Recoverer recoverer;
    private final HandlerActivity activity;

    /**
     * @param handler the handler
     * @param retry deliveries of a record, the first included, before it is recovered, and the
     *     backoff before a failed one is released
     * @param retryable which failures are worth another delivery
     * @param recoverer what becomes of a record given up
     * @param activity hears of each record handled, released for another delivery, or given up
     */
    ShareDeliveryPolicy(RecordHandler handler, RetrySettings retry, Predicate<Throwable> retryable, Recoverer recoverer,
            HandlerActivity activity) {
        this.handler = handler;
        this.rule = new RetryRule(retry.maxAttempts(), retryable);
        this.retry = retry;
        this.recoverer = recoverer;
        this.activity = activity;
    }

    /** Handles {@code record}; the stage completes, never exceptionally, with its acknowledgement. */
    CompletionStage<ShareVerdict> handle(ConsumerRecord<byte[], byte[]> record) {
        long startNanos = System.nanoTime();
        return handler.handleSafely(record).done().handle((ok, failure) -> failure).thenCompose(failure -> {
            TopicObserver topic = activity.topic(record.topic());
            if (failure == null) {
                topic.handled(System.nanoTime() - startNanos);
                return CompletableFuture.completedFuture(ShareVerdict.ACCEPT);
            }
            Throwable cause = RecordOutcome.cause(failure);
            int delivery = record.deliveryCount().map(Short::intValue).orElse(1);
            if (rule.triesAgain(delivery, cause)) {
                log.debug("Delivery {} of {} failed for {}-{}@{}, releasing it after {}", delivery, rule.tries(), record.topic(),
                        record.partition(), record.offset(), retry.backoffAfter(delivery), cause);
                topic.retried();
                return CompletableFuture.completedFuture(ShareVerdict.releaseAfter(retry.backoffAfter(delivery)));
            }
            activity.failed(topic, cause);
            return recover(record, cause, delivery);
        });
    }

    private CompletionStage<ShareVerdict> recover(ConsumerRecord<byte[], byte[]> record, Throwable cause, int delivery) {
        return recoverer.recoverSafely(record, cause).handle((ok, failure) -> {
            if (failure == null) {
                return ShareVerdict.REJECT;
            }
            log.error("Could not dispose of failed record {}-{}@{}; releasing it to try again at its next delivery",
                    record.topic(), record.partition(), record.offset(), RecordOutcome.cause(failure));
            return ShareVerdict.releaseAfter(retry.backoffAfter(delivery));
        });
    }
}
