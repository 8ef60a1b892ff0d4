package io.kclient.listener;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A key of a lane whose record has not handed off (it runs asynchronously, waits for a retry, or
 * runs on another worker): its later records wait here, in order, and only here, so the lane's
 * other keys go on. It exists only while the key has a record held or records waiting; guarded by
 * its lane.
 */
final class ParkedKey {

    final Id id;
    final ArrayDeque<RecordRun> waiting = new ArrayDeque<>(2);
    /** Whether a record of the key is still to hand off; else the waiting records may run. */
    boolean blocked;

    ParkedKey(Id id) {
        this.id = id;
    }

    /** The map key that finds the parked key of {@code key}. */
    static Id id(byte[] key) {
        return new Id(key, hashOf(key));
    }

    /** A key's hash: the same for equal bytes, whatever array holds them. */
    static int hashOf(byte[] key) {
        return Arrays.hashCode(key);
    }

    /** A key's bytes as a map key: equal bytes, equal keys; the hash computed once. */
    record Id(byte[] key, int hash) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && id.hash == hash && Arrays.equals(id.key, key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
