package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class DoneOffsetsTests {

    @Test
    void theDoneOffsetsACommitCarriesAreReadBackFromIt() {
        OffsetAndMetadata commit = DoneOffsets.of(100, bits(1, 2, 5)).commit();

        assertThat(commit.offset()).isEqualTo(100);
        assertThat(commit.metadata()).as("names the offset its bits count from").startsWith(DoneOffsets.FORMAT + "100:");
        DoneOffsets read = DoneOffsets.of(commit);
        assertThat(read.count()).isEqualTo(3);
        assertThat(read.contains(101)).isTrue();
        assertThat(read.contains(102)).isTrue();
        assertThat(read.contains(105)).isTrue();
        assertThat(read.contains(100)).as("the committed offset itself is the first unfinished one").isFalse();
        assertThat(read.contains(103)).isFalse();
        assertThat(read.contains(106)).isFalse();
        assertThat(read.contains(99)).isFalse();
        assertThat(read.highest()).isEqualTo(105);
    }

    @Test
    void aCommitWithoutThemOrWithSomeoneElsesMetadataNamesNothing() {
        assertThat(DoneOffsets.of((OffsetAndMetadata) null).isEmpty()).isTrue();
        assertThat(DoneOffsets.of(new OffsetAndMetadata(5)).isEmpty()).isTrue();
        assertThat(DoneOffsets.of(new OffsetAndMetadata(5, "written by another tool")).isEmpty()).isTrue();
        assertThat(DoneOffsets.of(new OffsetAndMetadata(5, DoneOffsets.FORMAT + "5:not base64!")).isEmpty()).isTrue();
        assertThat(DoneOffsets.of(new OffsetAndMetadata(5, DoneOffsets.FORMAT + "five:Ag")).isEmpty()).isTrue();
        assertThat(DoneOffsets.of(new OffsetAndMetadata(5, DoneOffsets.FORMAT + "5")).isEmpty()).isTrue();
        assertThat(DoneOffsets.of(5, new BitSet())).isSameAs(DoneOffsets.NONE);
        assertThat(DoneOffsets.NONE.highest()).isEqualTo(-1);
    }

    @Test
    void doneOffsetsCountedFromAnotherOffsetThanTheCommitsAreNotTrusted() {
        String namingOneAtZero = DoneOffsets.of(0, bits(1)).commit().metadata();
        List<String> distrust = new ArrayList<>();

        DoneOffsets read = DoneOffsets.read(new OffsetAndMetadata(2, namingOneAtZero), distrust::add);

        assertThat(read.isEmpty()).as("offset 3, which nobody handled, is not skipped").isTrue();
        assertThat(distrust).singleElement().asString().contains("at offset 2", "counted from offset 0", "MirrorMaker 2");
    }

    /** The first format (kclient-done:1:) did not say which offset its bits count from: its records are handled again. */
    @Test
    void theFirstFormatWhichDidNotNameItsBaseIsNotTrusted() {
        List<String> distrust = new ArrayList<>();

        DoneOffsets read = DoneOffsets.read(new OffsetAndMetadata(0, "kclient-done:1:Ag"), distrust::add);

        assertThat(read.isEmpty()).isTrue();
        assertThat(distrust).singleElement().asString().contains("older format");
    }

    @Test
    void atMostMaxOffsetsAreKeptSoTheMetadataFitsTheBrokersDefaultLimit() {
        BitSet all = new BitSet();
        all.set(1, DoneOffsets.MAX_OFFSETS + 100);

        OffsetAndMetadata commit = DoneOffsets.of(0, all).commit();

        assertThat(commit.metadata().length()).as("offset.metadata.max.bytes defaults to 4096").isLessThan(4096);
        DoneOffsets read = DoneOffsets.of(commit);
        assertThat(read.contains(DoneOffsets.MAX_OFFSETS - 1)).isTrue();
        assertThat(read.contains(DoneOffsets.MAX_OFFSETS)).as("handled again: never skipped unless named").isFalse();
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int index : indexes) {
            bits.set(index);
        }
        return bits;
    }
}
