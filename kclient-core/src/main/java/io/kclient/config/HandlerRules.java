package io.kclient.config;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings that exclude each other, checked on one layer (where an unset value breaks no rule)
 * and on a handler's resolved settings: topics or a pattern, what a share group cannot give, what
 * retry topics cannot go with, and a transactional producer for an at-least-once handler.
 */
final class HandlerRules {

    private HandlerRules() {
    }

    /**
     * @param where names the handler or the layer
     * @param handlerId the handler's id, for the properties a fix names; {@code null} when unknown
     * @param whole whether these are resolved settings, which must name what to consume
     */
    static void check(HandlerSettings settings, String where, String handlerId, boolean whole) {
        String handler = "kclient.handlers[" + (handlerId != null ? handlerId : "<id>") + "]";
        boolean topics = settings.topics() != null;
        boolean pattern = settings.topicPattern() != null;
        if (topics && pattern || whole && !topics && !pattern) {
            throw new KClientConfigurationException(where + " needs either topics or a topic pattern to consume, not "
                    + (topics ? "both" : "neither") + ": set @InputConsumer(topics = ...) or topicPattern (or " + handler
                    + ".topics)");
        }
        if (settings.shareGroup()) {
            checkShareGroup(settings, where, handler);
        }
        if (settings.retryTopics() != null && !settings.retryTopics().isEmpty()) {
            checkRetryTopics(settings, where, handler);
        }
        if (settings.delivery() == Delivery.AT_LEAST_ONCE && settings.producerProperties() != null
                && settings.producerProperties().containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            throw new KClientConfigurationException("Producer property 'transactional.id' of " + where + " makes a transactional "
                    + "producer, but the handler is at-least-once: set its delivery to EXACTLY_ONCE (@InputConsumer(delivery = "
                    + "Delivery.EXACTLY_ONCE) or " + handler + ".delivery=exactly-once), or remove the property");
        }
    }

    /** What a share group cannot give: a pattern subscription, transactions, order. */
    private static void checkShareGroup(HandlerSettings settings, String where, String handler) {
        String fix = " run it in a consumer group (remove @InputConsumer(shareGroup = true), or set " + handler + ".share-group=false)";
        if (settings.topicPattern() != null) {
            throw new KClientConfigurationException(where + " consumes a topic pattern in a share group, which subscribes "
                    + "to named topics only: name the topics, or" + fix);
        }
        if (settings.delivery() == Delivery.EXACTLY_ONCE) {
            throw new KClientConfigurationException(where + " is exactly-once in a share group, but a share group's "
                    + "acknowledgements cannot join a Kafka transaction: remove delivery = EXACTLY_ONCE, or" + fix);
        }
        if (settings.ordering() != null && settings.ordering() != Ordering.NONE) {
            throw new KClientConfigurationException(where + " asks for ordering " + settings.ordering() + " in a share group, "
                    + "which hands records to any member in no order: remove the ordering, or" + fix);
        }
    }

    /** Retry topics are named after the topics consumed, and forward records outside any transaction. */
    private static void checkRetryTopics(HandlerSettings settings, String where, String handler) {
        String fix = ": remove @RetryTopics (or " + handler + ".retry-topics.delays)";
        if (settings.topicPattern() != null) {
            throw new KClientConfigurationException(where + " has retry topics but consumes a topic pattern, which "
                    + "could match its own retry topics: name the topics" + fix.replace(": remove", ", or remove"));
        }
        if (settings.shareGroup()) {
            throw new KClientConfigurationException(where + " has retry topics in a share group, which retries by "
                    + "delivering records again" + fix);
        }
        if (settings.delivery() == Delivery.EXACTLY_ONCE) {
            throw new KClientConfigurationException(where + " has retry topics and is exactly-once, which retry "
                    + "topics do not support" + fix + ", or remove delivery = EXACTLY_ONCE");
        }
    }
}
