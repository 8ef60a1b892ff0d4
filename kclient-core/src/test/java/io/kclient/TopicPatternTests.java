package io.kclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** What a topic pattern subscribes to, checked when the engine is built, before anything connects. */
class TopicPatternTests {

    @KafkaHandlers
    public static class Nodes {
        @InputConsumer(id = "nodes", topicPattern = "node\\..+")
        public void onNode(String event) {
        }
    }

    @KafkaHandlers
    public static class BadPattern {
        @InputConsumer(topicPattern = "node\\.(sensor")
        public void onNode(String event) {
        }
    }

    @Test
    void aPatternMatchesItsTopicsButNotTheirDeadLetterTopics() {
        try (KClient kclient = builder().handlers(new Nodes()).build()) {
            Pattern pattern = kclient.container("nodes").subscription().pattern();

            assertThat(pattern.matcher("node.sensor.7").matches()).isTrue();
            assertThat(pattern.matcher("node.sensor.7.DLT").matches()).isFalse();
            assertThat(pattern.matcher("nodes").matches()).isFalse();
        }
    }

    @Test
    void aPatternHandlersOwnDeadLetterTopicIsExcluded() throws NoSuchMethodException {
        HandlerEndpoint endpoint = HandlerEndpoint.builder(new Nodes(), Nodes.class.getMethod("onNode", String.class))
                .id("nodes").topicPattern("node-.+").with(HandlerSettings.DEAD_LETTER_TOPIC, "node-failures").build();
        try (KClient kclient = builder().endpoint(endpoint).build()) {
            Pattern pattern = kclient.container("nodes").subscription().pattern();

            assertThat(pattern.matcher("node-sensor").matches()).isTrue();
            assertThat(pattern.matcher("node-failures").matches()).isFalse();
        }
    }

    @Test
    void aRegularExpressionThatDoesNotCompileFailsTheBuildNamingBeanAndMethod() {
        assertThatThrownBy(() -> builder().handlers(new BadPattern()).build()).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("Invalid value 'node\\.(sensor' for topic-pattern of bean 'badPattern' method onNode(String)")
                .hasMessageContaining("not a regular expression: Unclosed group");
    }

    private static KClient.Builder builder() {
        return KClient.builder().bootstrapServers("localhost:9").producerFactory(config -> new MockProducer<>())
                .consumerProperties(Map.of());
    }
}
