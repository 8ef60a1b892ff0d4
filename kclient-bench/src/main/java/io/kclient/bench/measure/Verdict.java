package io.kclient.bench.measure;

/**
 * What the {@link OutputVerifier} found on an output topic.
 *
 * @param expected N
 * @param distinct inputs found (by id)
 * @param duplicates outputs beyond the first of their id (allowed: delivery is at-least-once)
 * @param foreign outputs whose id is not an input's
 * @param orderViolations first outputs of a key whose sequence number is lower than an earlier one of that key
 * @param splitKeys outputs of a key on another partition than its first one: their order cannot be checked
 * @param rekeyed outputs whose record key is not their input's
 */
public record Verdict(long expected, long distinct, long duplicates, long foreign, long orderViolations,
        long splitKeys, long rekeyed) {

    public boolean complete() {
        return distinct == expected && foreign == 0;
    }

    public boolean inKeyOrder() {
        return orderViolations == 0 && splitKeys == 0;
    }

    /** Why the run fails verification, or {@code null} when it passes. */
    public String problem(boolean checkOrder) {
        if (distinct != expected) {
            return (expected - distinct) + " of " + expected + " outputs missing";
        }
        if (foreign != 0) {
            return foreign + " outputs of no input";
        }
        if (checkOrder && orderViolations != 0) {
            return orderViolations + " outputs out of key order";
        }
        if (checkOrder && splitKeys != 0) {
            return splitKeys + " outputs on another partition than their key's";
        }
        return null;
    }
}
