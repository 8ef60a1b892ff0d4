package io.kclient.convert;

/** Writes values of one type into bytes. Built once; thread-safe. */
@FunctionalInterface
public interface PayloadWriter {

    /** The bytes of {@code value}, which is not {@code null}. */
    byte[] write(Object value);
}
