package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RetryRuleTests {

    private final RetryRule rule = new RetryRule(3, failure -> !(failure instanceof IllegalArgumentException));

    @Test
    void triesAgainWhileTriesAreLeft() {
        IllegalStateException flaky = new IllegalStateException("flaky");
        assertThat(rule.triesAgain(1, flaky)).isTrue();
        assertThat(rule.triesAgain(2, flaky)).isTrue();
        assertThat(rule.triesAgain(3, flaky)).as("the third try was the last").isFalse();
    }

    @Test
    void aFailureNotWorthRetryingEndsAtOnceEvenWrappedByADependentStage() {
        IllegalArgumentException permanent = new IllegalArgumentException("bad dog");
        assertThat(rule.triesAgain(1, permanent)).isFalse();
        assertThat(rule.triesAgain(1, new CompletionException(permanent))).isFalse();
        assertThat(rule.triesAgain(1, new CompletionException(new IllegalStateException("flaky")))).isTrue();
    }
}
