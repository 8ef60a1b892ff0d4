package io.kclient.sample.api;

/** The topic named in the URL does not exist, or is not one the API may publish to or read: 404 either way. */
class UnknownTopicException extends RuntimeException {

    UnknownTopicException(String topic) {
        super("Topic '" + topic + "' does not exist");
    }

    private UnknownTopicException(String topic, String why) {
        super("Topic '" + topic + "' " + why);
    }

    /**
     * Saying no more than a missing topic would, so the answer does not tell which topics exist.
     *
     * @param property the list the topic is not on: {@code sample.api.allowed-topics} or {@code sample.api.readable-topics}
     */
    static UnknownTopicException notAllowed(String topic, String property) {
        return new UnknownTopicException(topic, "does not exist or is not in " + property);
    }
}
