package io.kclient.sample.api;

/** The broker did not answer within {@code sample.api.timeout}: 503. */
class BrokerUnavailableException extends RuntimeException {

    BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
