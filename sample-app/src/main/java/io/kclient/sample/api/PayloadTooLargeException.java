package io.kclient.sample.api;

/** The body is over {@code sample.api.max-payload-bytes}: 413. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long size, int max) {
        super("Payload of " + size + " bytes is over the limit of " + max + " bytes (sample.api.max-payload-bytes)");
    }
}
