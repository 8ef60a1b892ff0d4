package io.kclient.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedriveSelectionTests {

    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    private final DeadLetter letter = new DeadLetter("dogs.DLT", 0, 4, TEN, "java.net.ConnectException", "refused", "dogs", 2, 42L,
            TEN.minusSeconds(5), 0, "k", "{}", 2, false);

    @Test
    void allMeetsEveryDeadLetter() {
        assertThat(RedriveSelection.all().matches(letter)).isTrue();
    }

    @Test
    void everyCriterionSetMustHold() {
        assertThat(RedriveSelection.all().exceptionClass("ConnectException").matches(letter)).isTrue();
        assertThat(RedriveSelection.all().exceptionClass("java.net.ConnectException").matches(letter)).isTrue();
        assertThat(RedriveSelection.all().exceptionClass("Exception").matches(letter)).as("a simple name, not a suffix").isFalse();
        assertThat(RedriveSelection.all().deadLetteredBetween(TEN, TEN.plusSeconds(1)).matches(letter)).isTrue();
        assertThat(RedriveSelection.all().deadLetteredBetween(null, TEN).matches(letter)).as("the end is excluded").isFalse();
        assertThat(RedriveSelection.all().origin("dogs", 2, 42L).matches(letter)).isTrue();
        assertThat(RedriveSelection.all().origin("dogs", 2, 43L).matches(letter)).isFalse();
        assertThat(RedriveSelection.all().origin("dogs", 2, null).exceptionClass("IOException").matches(letter)).isFalse();
    }

    @Test
    void aSelectionThatCannotMeanAnythingIsRefusedSayingWhy() {
        assertThatThrownBy(() -> RedriveSelection.all().deadLetteredBetween(TEN, TEN)).hasMessageContaining("time range is empty");
        assertThatThrownBy(() -> RedriveSelection.all().origin("dogs", null, 3L)).hasMessageContaining("needs its partition");
        assertThatThrownBy(() -> RedriveSelection.all().origin(null, 1, null)).hasMessageContaining("needs its topic");
        assertThatThrownBy(() -> RedriveSelection.all().limit(0)).hasMessageContaining("limit must be at least 1");
        assertThatThrownBy(() -> RedriveSelection.all().ratePerSecond(0)).hasMessageContaining("ratePerSecond must be above 0");
    }
}
