package io.kclient.sample.api;

/** The topic named in the URL does not exist, or is not one the API may publish to: 404 either way. */
class UnknownTopicException extends RuntimeException {

    UnknownTopicException(String topic) {
        super("Topic '" + topic + "' does not exist");
    }

    private UnknownTopicException(String topic, String why) {
        super("Topic '" + topic + "' " + why);
    }

    /** Saying no more than a missing topic would, so the answer does not tell which topics exist. */
    static UnknownTopicException notPublishable(String topic) {
        return new UnknownTopicException(topic, "does not exist or is not in sample.api.allowed-topics");
    }
}
