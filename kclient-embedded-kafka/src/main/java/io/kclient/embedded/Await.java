package io.kclient.embedded;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until it holds or a timeout passes.
 */
final class Await {

    private static final long POLL_INTERVAL_MS = 20;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws IllegalStateException if it does not hold within {@code timeout}, or if the thread is
     * interrupted (the interrupt flag is kept)
     */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, ex);
            }
        }
    }
}
