package io.kclient;

/**
 * A handler threw (or its future completed exceptionally) while handling a record. Wraps the
 * handler's own exception once, adding the coordinates: handler id, topic, partition, offset.
 */
public class HandlerExecutionException extends KClientException {

    private final String handlerId;
    private final RecordCoordinates record;

    public HandlerExecutionException(String handlerId, RecordCoordinates record, Throwable cause) {
        super("Handler '" + handlerId + "' failed on record " + record + ": " + cause, cause);
        this.handlerId = handlerId;
        this.record = record;
    }

    /**
     * What the handler threw, when {@code failure} is KClient's wrapper of it; else the failure
     * itself. Dead letters and error replies name the handler's exception, not the wrapper.
     */
    public static Throwable handlerCause(Throwable failure) {
        return failure instanceof HandlerExecutionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    public String handlerId() {
        return handlerId;
    }

    public RecordCoordinates record() {
        return record;
    }
}
