package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When lanes split: records that block, not workers that lost their core for a moment. */
class WorkersTests {

    private static final long FAST_RECORD = 5_000;

    private final Workers workers = new Workers(2, new WorkerThreads("workers-test-"));

    @AfterEach
    void stop() {
        workers.shutdown();
    }

    /** Short turns that each waited a millisecond for a core (a busy machine) among fast ones: the average stays low. */
    @Test
    void aFewShortTurnsThatWaitedForACoreDoNotMakeLanesSplit() {
        for (int i = 0; i < 100; i++) {
            workers.timed(128, 128 * FAST_RECORD);
        }
        for (int i = 0; i < 3; i++) {
            workers.timed(4, 4 * FAST_RECORD + 1_000_000);
        }
        assertThat(workers.splitting()).isFalse();
    }

    /** A handler that blocks 5 ms a record makes lanes split within a few short turns. */
    @Test
    void recordsThatBlockMakeLanesSplitWithinAFewTurns() {
        for (int i = 0; i < 100; i++) {
            workers.timed(128, 128 * FAST_RECORD);
        }
        for (int i = 0; i < 3; i++) {
            workers.timed(2, 2 * 5_000_000L);
        }
        assertThat(workers.splitting()).isTrue();

        for (int i = 0; i < 20; i++) {
            workers.timed(128, 128 * FAST_RECORD);
        }
        assertThat(workers.splitting()).as("fast again").isFalse();
    }

    /** One long turn of blocking records is enough. */
    @Test
    void oneLongTurnOfBlockingRecordsMakesLanesSplit() {
        workers.timed(128, 128 * FAST_RECORD);
        workers.timed(20, 20 * 5_000_000L);
        assertThat(workers.splitting()).isTrue();
    }
}
