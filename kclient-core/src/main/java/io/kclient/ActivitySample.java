package io.kclient;

import java.time.Instant;

/**
 * What one handler did in one interval of its recent past.
 *
 * @param at when the interval ended
 * @param completed records completed in it (handled, or given up to the dead-letter topic)
 * @param failed records given up in it: their last attempt failed
 */
public record ActivitySample(Instant at, long completed, long failed) {
}
