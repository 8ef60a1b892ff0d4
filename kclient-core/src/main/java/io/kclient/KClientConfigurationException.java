package io.kclient;

/**
 * A mistake in a handler's declaration or in KClient's configuration, found at start-up. The
 * message names the bean, the method and the fix.
 */
public class KClientConfigurationException extends KClientException {

    public KClientConfigurationException(String message) {
        super(message);
    }

    public KClientConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
