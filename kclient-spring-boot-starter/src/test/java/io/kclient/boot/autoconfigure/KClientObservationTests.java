package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.boot.autoconfigure.observation.ObservationHandlerInterceptor;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * When handler calls are observed. What the observation carries through a handler is shown on a
 * real broker by kclient-test's {@code KClientTracingIntegrationTests}.
 */
class KClientObservationTests {

    private final ApplicationContextRunner runner = MockKafkaClients.runner()
            .withBean("animals", Animals.class);

    @Test
    void handlerCallsAreObservedWithTheContextsRegistry() {
        runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .run(context -> assertThat(context).hasSingleBean(ObservationHandlerInterceptor.class));
    }

    @Test
    void noRegistryNoObservation() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ObservationHandlerInterceptor.class));
    }

    @Test
    void observationCanBeTurnedOff() {
        runner.withBean(ObservationRegistry.class, ObservationRegistry::create).withPropertyValues("kclient.observation.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ObservationHandlerInterceptor.class));
    }
}
