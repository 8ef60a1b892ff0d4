package io.kclient.rpc;

import io.kclient.KClientException;

/**
 * The handler of a request failed for good (after its retries, or at once for a payload it could
 * not read) and answered with an error reply. Carries what the remote handler threw, by name: the
 * exception itself stays on the other side. The request went on to its dead-letter topic there.
 */
public class RemoteHandlerException extends KClientException {

    private final String topic;
    private final String remoteExceptionClass;
    private final String remoteMessage;

    public RemoteHandlerException(String topic, String remoteExceptionClass, String remoteMessage) {
        super("The handler of topic '" + topic + "' failed: " + remoteExceptionClass
                + (remoteMessage != null ? ": " + remoteMessage : ""));
        this.topic = topic;
        this.remoteExceptionClass = remoteExceptionClass;
        this.remoteMessage = remoteMessage;
    }

    /** The topic the request went to. */
    public String topic() {
        return topic;
    }

    /** The class name of the exception the remote handler threw. */
    public String remoteExceptionClass() {
        return remoteExceptionClass;
    }

    /** Its message, or {@code null} when it had none. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
