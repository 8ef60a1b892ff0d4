package io.kclient.sample.api;

import io.kclient.KafkaPublisher;
import io.kclient.PublishException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;

/** Publishes one test message through KClient's publisher and waits for the broker's acknowledgement. */
@Component
class MessagePublisher {

    private final KafkaPublisher publisher;
    private final TopicDirectory topics;
    private final ApiProperties api;

    MessagePublisher(KafkaPublisher publisher, TopicDirectory topics, ApiProperties api) {
        this.publisher = publisher;
        this.topics = topics;
        this.api = api;
    }

    /** @throws BrokerUnavailableException the broker did not acknowledge it within {@code sample.api.timeout}, or refused it */
    PublishedRecord publish(String topic, String key, byte[] value) {
        topics.requireAllowed(topic, api.allowedTopics(), "sample.api.allowed-topics");
        try {
            RecordMetadata metadata = publisher.sendAndWait(topic, key, value, api.timeout());
            return new PublishedRecord(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (PublishException e) {
            throw new BrokerUnavailableException("Could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }
}
