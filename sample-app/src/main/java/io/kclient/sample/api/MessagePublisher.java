package io.kclient.sample.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;

/** Publishes one test message and waits for the broker's acknowledgement. */
@Component
class MessagePublisher {

    private final Producer<byte[], byte[]> producer;
    private final TopicDirectory topics;
    private final ApiProperties api;

    MessagePublisher(Producer<byte[], byte[]> producer, TopicDirectory topics, ApiProperties api) {
        this.producer = producer;
        this.topics = topics;
        this.api = api;
    }

    /**
     * An invalid name is a 400; a missing topic and one off the allow-list get the same 404, so the
     * answer does not tell which topics exist.
     */
    private void checkPublishable(String topic) {
        try {
            topics.describe(topic);
        } catch (UnknownTopicException missing) {
            throw UnknownTopicException.notPublishable(topic);
        }
        if (!api.allowedTopics().contains(topic)) {
            throw UnknownTopicException.notPublishable(topic);
        }
    }

    PublishedRecord publish(String topic, String key, byte[] value) {
        checkPublishable(topic);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, keyBytes, value))
                    .get(api.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new PublishedRecord(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailableException("Could not publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted", e);
        }
    }
}
