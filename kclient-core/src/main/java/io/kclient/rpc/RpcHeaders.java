package io.kclient.rpc;

/**
 * The request/reply protocol, as record headers (UTF-8 text). A request carries
 * {@link #CORRELATION_ID} and {@link #REPLY_TOPIC}; its reply carries the same
 * {@link #CORRELATION_ID} and, when the handler failed for good, {@link #ERROR_CLASS} and
 * {@link #ERROR_MESSAGE} instead of a value. Any Kafka client may speak it.
 */
public final class RpcHeaders {

    /** Pairs a reply with its request: unique per call. */
    public static final String CORRELATION_ID = "kclient_correlation_id";
    /** Where the handler sends its reply. A record without it is no request: its output goes where the handler says. */
    public static final String REPLY_TOPIC = "kclient_reply_topic";
    /** On an error reply: the class name of what the handler threw after its last attempt. */
    public static final String ERROR_CLASS = "kclient_error_class";
    /** On an error reply: that exception's message, absent when it had none. */
    public static final String ERROR_MESSAGE = "kclient_error_message";

    private RpcHeaders() {
    }
}
