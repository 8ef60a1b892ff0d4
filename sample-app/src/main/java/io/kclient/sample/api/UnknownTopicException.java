package io.kclient.sample.api;

/** The topic named in the URL does not exist: 404. */
class UnknownTopicException extends RuntimeException {

    UnknownTopicException(String topic) {
        super("Topic '" + topic + "' does not exist");
    }
}
