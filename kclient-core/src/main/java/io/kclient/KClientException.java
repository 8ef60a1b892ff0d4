package io.kclient;

/** The root of every exception KClient throws. Unchecked, like Kafka's and Spring's own. */
public class KClientException extends RuntimeException {

    public KClientException(String message) {
        super(message);
    }

    public KClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
