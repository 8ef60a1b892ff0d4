package io.kclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.RetryTopics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How @RetryTopics is read, and what it cannot be combined with. */
class RetryTopicsEndpointTests {

    private final AnnotatedHandlerReader reader =
            new AnnotatedHandlerReader(value -> value.replace("${last}", "PT1M"));

    static class Retried {
        @InputConsumer(topic = "orders")
        @RetryTopics(delays = {"500ms", "10s", "${last}"})
        public void onOrder(String order) {
        }
    }

    static class NoDelays {
        @InputConsumer(topic = "orders")
        @RetryTopics(delays = {})
        public void onOrder(String order) {
        }
    }

    static class BadDelay {
        @InputConsumer(topic = "orders")
        @RetryTopics(delays = "ten seconds")
        public void onOrder(String order) {
        }
    }

    static class InAShareGroup {
        @InputConsumer(topic = "orders", shareGroup = true)
        @RetryTopics(delays = "1s")
        public void onOrder(String order) {
        }
    }

    static class ExactlyOnce {
        @InputConsumer(topic = "orders", delivery = Delivery.EXACTLY_ONCE)
        @RetryTopics(delays = "1s")
        public void onOrder(String order) {
        }
    }

    static class OnAPattern {
        @InputConsumer(topicPattern = "orders.*")
        @RetryTopics(delays = "1s")
        public void onOrder(String order) {
        }
    }

    @Test
    void readsTheDelaysInTheirOrder() {
        assertThat(single(new Retried()).settings().retryTopics())
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    @Test
    void refusesMistakesNamingTheMethodAndTheFix() {
        assertThatThrownBy(() -> single(new NoDelays())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'noDelays' method onOrder(String) has @RetryTopics without delays");
        assertThatThrownBy(() -> single(new BadDelay())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("Invalid duration 'ten seconds'").hasMessageContaining("write it like 500ms, 10s");
        assertThatThrownBy(() -> single(new InAShareGroup())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("retry topics in a share group").hasMessageContaining("remove @RetryTopics");
        assertThatThrownBy(() -> single(new ExactlyOnce())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("is exactly-once").hasMessageContaining("remove delivery = EXACTLY_ONCE");
        assertThatThrownBy(() -> single(new OnAPattern())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("could match its own retry topics").hasMessageContaining("name the topics");
    }

    @Test
    void refusesADelayThatIsNotPositive() {
        HandlerEndpoint.Builder builder = single(new Retried()).toBuilder().with(HandlerSettings.RETRY_TOPICS, List.of(Duration.ZERO));
        assertThatThrownBy(builder::build).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("Invalid value [PT0S] for retry-topics.delays of bean 'retried' method onOrder(String)")
                .hasMessageContaining("every delay positive");
    }

    private HandlerEndpoint single(Object bean) {
        List<HandlerEndpoint> endpoints = reader.read(bean, null, bean.getClass());
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }
}
