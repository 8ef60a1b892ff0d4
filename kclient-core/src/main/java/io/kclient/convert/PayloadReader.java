package io.kclient.convert;

/** Reads raw bytes into one target type. Built once at start-up; thread-safe and cheap per call. */
@FunctionalInterface
public interface PayloadReader {

    /** The value, {@code null} for {@code null} data (a tombstone); {@link PayloadConversionException} when it cannot be read. */
    Object read(byte[] data);
}
