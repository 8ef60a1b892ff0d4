package io.kclient;

import org.apache.kafka.common.errors.RetriableException;

/**
 * A record the {@link KafkaPublisher} could not publish: its topic name is not one Kafka takes,
 * it is larger than the producer may send, its value could not be written, the cluster refused
 * it, or no broker acknowledged it in time. Names the topic; nothing is dropped in silence.
 */
public class PublishException extends KClientException {

    private final String topic;

    /** @param topic the topic the record was meant for, or {@code null} when it named none */
    public PublishException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    /** The topic the record was meant for, or {@code null} when it named none. */
    public String topic() {
        return topic;
    }

    /**
     * Whether sending again may succeed (no broker answered, a leader was moving); a record too
     * large, an invalid topic or a refused login fail again every time.
     */
    public boolean isRetriable() {
        return getCause() instanceof RetriableException;
    }
}
