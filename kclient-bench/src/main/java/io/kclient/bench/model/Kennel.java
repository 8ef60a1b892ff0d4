package io.kclient.bench.model;

import java.nio.charset.StandardCharsets;

/**
 * How the input is laid out: record {@code id} has key {@code id % keys} and is number
 * {@code id / keys} of that key. Both the preload and the verifier derive key and sequence from
 * the id alone, so the verifier trusts nothing a contender wrote except the id.
 *
 * @param keys the number of distinct keys (K)
 */
public record Kennel(int keys) {

    /** Makes the JSON about 100 bytes, like a small real event. */
    private static final String PADDING = "the very good boy from the benchmark kennel";

    public Kennel {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, got " + keys);
        }
    }

    public int keyIndexOf(long id) {
        return (int) (id % keys);
    }

    public long seqOf(long id) {
        return id / keys;
    }

    public byte[] keyOf(long id) {
        return ("key-" + keyIndexOf(id)).getBytes(StandardCharsets.UTF_8);
    }

    public Dog dog(long id) {
        return new Dog(id, "Rex " + PADDING, (int) (id % 15), seqOf(id));
    }
}
