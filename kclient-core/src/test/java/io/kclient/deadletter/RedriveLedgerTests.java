package io.kclient.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The redrive position: a committed offset, and the ranges above it its metadata names. */
class RedriveLedgerTests {

    @Test
    void theOffsetMovesOverWhatIsDoneInARowAndTheMetadataNamesWhatIsDoneAboveIt() {
        RedriveLedger ledger = RedriveLedger.of(null, null, 0);
        ledger.markDone(0);
        ledger.markDone(1);
        ledger.markDone(5);
        ledger.markDone(6);
        ledger.markDone(9);
        assertThat(ledger.position()).isEqualTo(2);
        assertThat(ledger.metadata()).isEqualTo("kclient-redriven:5-6,9");
        assertThat(ledger.isDone(1)).isTrue();
        assertThat(ledger.isDone(4)).isFalse();
        assertThat(ledger.isDone(6)).isTrue();

        ledger.markDone(2);
        ledger.markDone(4);
        ledger.markDone(3);
        assertThat(ledger.position()).as("2 to 4 join 5-6").isEqualTo(7);
        assertThat(ledger.metadata()).isEqualTo("kclient-redriven:9");
    }

    @Test
    void readsBackWhatItWrote() {
        RedriveLedger ledger = RedriveLedger.of(10L, "kclient-redriven:12-14,20", 0);
        assertThat(ledger.position()).isEqualTo(10);
        assertThat(ledger.isDone(13)).isTrue();
        assertThat(ledger.isDone(15)).isFalse();
        ledger.markDone(10);
        ledger.markDone(11);
        assertThat(ledger.position()).isEqualTo(15);
        assertThat(ledger.metadata()).isEqualTo("kclient-redriven:20");
    }

    @Test
    void startsAtTheLogStartWhereOlderRecordsAreGoneAndIgnoresForeignMetadata() {
        assertThat(RedriveLedger.of(3L, "kclient-redriven:5-8,12", 7).position()).isEqualTo(9);
        RedriveLedger foreign = RedriveLedger.of(4L, "kclient-done:1,2", 0);
        assertThat(foreign.position()).isEqualTo(4);
        assertThat(foreign.metadata()).isEmpty();
    }

    @Test
    void saysWhenTheMetadataWouldGrowPastWhatTheBrokerTakes() {
        RedriveLedger ledger = RedriveLedger.of(0L, null, 0);
        long offset = 1;
        while (ledger.roomFor(offset)) {
            ledger.markDone(offset);
            offset += 2; // every other record: a range each
        }
        assertThat(ledger.metadata().length()).isLessThanOrEqualTo(RedriveLedger.MAX_METADATA);
        assertThat(offset).as("hundreds of ranges fit").isGreaterThan(400);
        assertThat(ledger.roomFor(0)).as("moving the position over the first range makes room").isTrue();
    }
}
