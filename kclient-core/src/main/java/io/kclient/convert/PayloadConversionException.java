package io.kclient.convert;

import io.kclient.KClientException;

/**
 * A payload could not be converted into the handler's parameter type: a poison pill. It is not
 * retried; the record goes straight to the dead-letter topic with this message.
 */
public class PayloadConversionException extends KClientException {

    public PayloadConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
