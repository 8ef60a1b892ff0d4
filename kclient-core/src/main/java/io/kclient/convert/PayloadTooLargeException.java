package io.kclient.convert;

/**
 * A payload larger than its handler accepts ({@code max-payload-bytes}): refused before any of it
 * is parsed, and, like any payload that cannot be converted, sent to the dead-letter topic unretried.
 */
public class PayloadTooLargeException extends PayloadConversionException {

    public PayloadTooLargeException(int size, int limit) {
        super("Payload of " + size + " bytes is larger than the " + limit + " bytes the handler accepts "
                + "(max-payload-bytes); it was not parsed", null);
    }
}
