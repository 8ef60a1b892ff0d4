package io.kclient.engine;

import io.kclient.convert.PayloadConversionException;
import io.kclient.handler.ErrorHandlerInvoker;
import io.kclient.handler.ErrorReplyPublisher;
import io.kclient.listener.Recoverer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a record after its last attempt: its {@code @ErrorHandler} runs, a request gets
 * an error reply, and the record goes to its dead-letter topic. It is done once the dead letter and
 * what the error handler sent through the publisher are acknowledged; a refusal of either fails the
 * recovery, which is then tried again. An error handler that throws is logged: the record still
 * goes to its dead-letter topic.
 */
final class LastResort implements Recoverer {

    private static final Logger log = LoggerFactory.getLogger(LastResort.class);

    private final String handlerId;
    private final UnaryOperator<String> deadLetterTopicOf;
    private final ErrorHandlerInvoker errorHandlers;
    private final ErrorReplyPublisher errorReplies;
    private final Recoverer deadLetters;

    LastResort(String handlerId, UnaryOperator<String> deadLetterTopicOf, ErrorHandlerInvoker errorHandlers,
            ErrorReplyPublisher errorReplies, Recoverer deadLetters) {
        this.handlerId = handlerId;
        this.deadLetterTopicOf = deadLetterTopicOf;
        this.errorHandlers = errorHandlers;
        this.errorReplies = errorReplies;
        this.deadLetters = deadLetters;
    }

    @Override
    public CompletionStage<Void> recover(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        String deadLetterTopic = deadLetterTopicOf.apply(record.topic());
        if (failure instanceof PayloadConversionException unreadable) {
            // the sender's fault, not the handler's: one line, no stack trace to flood the log with
            log.warn("Handler '{}' could not read record {}-{}@{}, sending it to {}: {}", handlerId, record.topic(),
                    record.partition(), record.offset(), deadLetterTopic, unreadable.getMessage());
        } else {
            log.error("Handler '{}' gave up on record {}-{}@{}; sending it to {}", handlerId, record.topic(),
                    record.partition(), record.offset(), deadLetterTopic, failure);
        }
        CompletableFuture<Void> errorHandlerSends = CompletableFuture.completedFuture(null);
        try {
            errorHandlerSends = errorHandlers.invoke(record, failure);
        } catch (RuntimeException e) {
            log.error("The error handler of '{}' failed on record {}-{}@{}; the record still goes to the dead-letter topic",
                    handlerId, record.topic(), record.partition(), record.offset(), e);
        }
        errorReplies.replyIfRequest(record, failure);
        return deadLetters.recover(record, failure).thenCombine(errorHandlerSends, (deadLettered, sent) -> null);
    }
}
