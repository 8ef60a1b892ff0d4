package io.kclient.rpc;

import io.kclient.KClientException;
import java.time.Duration;

/**
 * No reply came within a call's timeout: the handler may be slow, stopped, or still retrying, or
 * the request never reached it. The request may still be handled later; its reply is then ignored.
 */
public class RpcTimeoutException extends KClientException {

    private final String topic;
    private final String correlationId;
    private final Duration timeout;

    public RpcTimeoutException(String topic, String correlationId, Duration timeout) {
        super("No reply within " + timeout + " to request " + correlationId + " sent to topic '" + topic + "'");
        this.topic = topic;
        this.correlationId = correlationId;
        this.timeout = timeout;
    }

    /** The topic the request went to. */
    public String topic() {
        return topic;
    }

    public String correlationId() {
        return correlationId;
    }

    public Duration timeout() {
        return timeout;
    }
}
