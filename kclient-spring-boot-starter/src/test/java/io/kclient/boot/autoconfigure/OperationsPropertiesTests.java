package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.deadletter.RedriveSettings;
import io.kclient.scaling.ScalingSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How kclient.scaling.* and kclient.redrive.* reach the engine: its autoscaling signal and its dead-letter redrives. */
class OperationsPropertiesTests {

    private final ApplicationContextRunner runner = MockKafkaClients.runner().withBean("animals", Animals.class);

    @Test
    void theDefaultsAreTheEnginesDefaults() {
        runner.run(context -> assertThat(context.getBean(ScalingProperties.class).build()).isEqualTo(ScalingSettings.DEFAULT));
    }

    @Test
    void mapsEverySetting() {
        runner.withPropertyValues("kclient.scaling.target-utilization=0.6", "kclient.scaling.drain-time=5m",
                "kclient.scaling.window=30s").run(context -> assertThat(context.getBean(ScalingProperties.class).build())
                        .isEqualTo(new ScalingSettings(0.6, Duration.ofMinutes(5), Duration.ofSeconds(30))));
    }

    @Test
    void redrivesAreLimitedAsConfigured() {
        runner.run(context -> assertThat(context.getBean(RedriveProperties.class).build()).isEqualTo(RedriveSettings.DEFAULT));
        runner.withPropertyValues("kclient.redrive.max-redrives=5").run(context -> assertThat(
                context.getBean(io.kclient.spring.config.KClientEndpointRegistry.class).getClient().deadLetters().settings())
                .isEqualTo(new RedriveSettings(5)));
        runner.withPropertyValues("kclient.redrive.max-redrives=0").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("kclient.redrive.max-redrives").hasMessageContaining("at least 1"));
    }

    @Test
    void anInvalidValueFailsTheStartNamingTheProperties() {
        runner.withPropertyValues("kclient.scaling.target-utilization=1.5").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("kclient.scaling").hasMessageContaining("targetUtilization"));
    }
}
