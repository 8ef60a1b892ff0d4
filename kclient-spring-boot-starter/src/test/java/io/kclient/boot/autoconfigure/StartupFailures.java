package io.kclient.boot.autoconfigure;

import io.kclient.KClientConfigurationException;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** The configuration error that failed a context's start, wherever in the cause chain Spring put it. */
final class StartupFailures {

    private StartupFailures() {
    }

    static KClientConfigurationException configurationError(AssertableApplicationContext context) {
        Throwable failure = context.getStartupFailure();
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
                .filter(KClientConfigurationException.class::isInstance).map(KClientConfigurationException.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("No KClientConfigurationException failed the start", failure));
    }
}
