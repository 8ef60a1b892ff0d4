package io.kclient.sample.api;

/** The body is over {@code sample.api.max-payload-bytes}: 413. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long size, int max) {
        this("Payload of " + size + " bytes", max);
    }

    /** A body sent without a length: only how much of it was read before it passed the limit is known. */
    static PayloadTooLargeException unsized(int max) {
        return new PayloadTooLargeException("Payload of more than " + max + " bytes", max);
    }

    private PayloadTooLargeException(String payload, int max) {
        super(payload + " is over the limit of " + max + " bytes (sample.api.max-payload-bytes)");
    }
}
