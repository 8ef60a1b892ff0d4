package io.kclient.sample.api;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.springframework.stereotype.Component;

/**
 * Which topics exist, and which the API may touch. Asked before publishing: a producer would
 * otherwise wait for a missing topic's metadata until it timed out, and the client would get a
 * 503 instead of a 404.
 */
@Component
class TopicDirectory {

    private final Admin admin;
    private final ApiProperties api;

    TopicDirectory(Admin admin, ApiProperties api) {
        this.admin = admin;
        this.api = api;
    }

    /**
     * The topic's description, when it exists and is on the {@code allowed} list; otherwise the same
     * 404 whichever it is, so the answer does not tell which topics exist. Kafka's internal topics
     * never, whatever the list says.
     *
     * @param property the list's property, which the 404 names
     */
    TopicDescription requireAllowed(String topic, Set<String> allowed, String property) {
        TopicDescription description;
        try {
            description = describe(topic);
        } catch (UnknownTopicException missing) {
            throw UnknownTopicException.notAllowed(topic, property);
        }
        if (!allowed.contains(topic) || Topic.isInternal(topic) || topic.startsWith("__")) {
            throw UnknownTopicException.notAllowed(topic, property);
        }
        return description;
    }

    /** The topic's description; {@link UnknownTopicException} when it does not exist. */
    private TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(api.timeout().toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new UnknownTopicException(topic);
            }
            if (e.getCause() instanceof InvalidTopicException invalid) {
                throw invalid;
            }
            throw new BrokerUnavailableException("Could not describe topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("Kafka did not answer within " + api.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted", e);
        }
    }
}
