package io.kclient;

import org.apache.kafka.common.errors.RetriableException;

/**
 * A handler's output could not be published: the broker refused it, or it never got there. Names
 * the handler, the output topic and the input record, so the log says at once which handler
 * cannot write where. A record whose output failed is never committed as done: it is tried again
 * or, after the last attempt, dead-lettered like any failed record.
 */
public class OutputPublishException extends KClientException {

    private final String handlerId;
    private final String topic;
    private final RecordCoordinates record;
    private final long reportedAtNanos = System.nanoTime();

    public OutputPublishException(String handlerId, String topic, RecordCoordinates record, Throwable cause) {
        super("Handler '" + handlerId + "' could not publish the output of record " + record + " to topic '" + topic + "': "
                + cause, cause);
        this.handlerId = handlerId;
        this.topic = topic;
        this.record = record;
    }

    public String handlerId() {
        return handlerId;
    }

    /** The topic the output was meant for. */
    public String topic() {
        return topic;
    }

    public RecordCoordinates record() {
        return record;
    }

    /**
     * When the refusal was reported ({@link System#nanoTime()}): a transactional producer refuses
     * every send once one failed its transaction, so of one transaction's refusals the earliest is
     * the record refused for itself.
     */
    public long reportedAtNanos() {
        return reportedAtNanos;
    }

    /**
     * Whether sending again may succeed (the broker was unreachable, a leader was moving). A record
     * too large, a topic the client may not write or that does not exist will fail every time: such
     * a record goes to its dead-letter topic without further attempts.
     */
    public boolean isRetriable() {
        return getCause() instanceof RetriableException;
    }
}
