package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.scaling.ScalingSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How kclient.scaling.* reaches the engine's autoscaling signal. */
class ScalingPropertiesTests {

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
    void anInvalidValueFailsTheStartNamingTheProperties() {
        runner.withPropertyValues("kclient.scaling.target-utilization=1.5").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("kclient.scaling").hasMessageContaining("targetUtilization"));
    }
}
