package io.kclient.config;

import static io.kclient.config.HandlerSettings.CONCURRENCY;
import static io.kclient.config.HandlerSettings.CONSUMER_PROPERTIES;
import static io.kclient.config.HandlerSettings.DEAD_LETTER_TOPIC;
import static io.kclient.config.HandlerSettings.GROUP_ID;
import static io.kclient.config.HandlerSettings.MAX_IN_FLIGHT;
import static io.kclient.config.HandlerSettings.NONE;
import static io.kclient.config.HandlerSettings.ORDERING;
import static io.kclient.config.HandlerSettings.RETRY_INITIAL_BACKOFF;
import static io.kclient.config.HandlerSettings.RETRY_MAX_ATTEMPTS;
import static io.kclient.config.HandlerSettings.SHARE_GROUP;
import static io.kclient.config.HandlerSettings.TOPICS;
import static io.kclient.config.HandlerSettings.TOPIC_PATTERN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One merge and one validation for every layer of a handler's settings. */
class HandlerSettingsTests {

    private static final HandlerSettings DOGS = NONE.with(TOPICS, List.of("dogs"));

    @Test
    void aHigherLayerWinsSettingBySettingAndTheEnginesDefaultsFillTheRest() {
        HandlerSettings handler = DOGS.with(CONCURRENCY, 8);
        HandlerSettings defaults = NONE.with(CONCURRENCY, 2).with(MAX_IN_FLIGHT, 50).with(RETRY_MAX_ATTEMPTS, 5);
        HandlerSettings overrides = NONE.with(RETRY_INITIAL_BACKOFF, Duration.ofSeconds(2));

        HandlerSettings resolved = overrides.over(handler).resolve(defaults, "dogs", "handler 'dogs'");

        assertThat(resolved.concurrency()).as("the handler's, over the defaults'").isEqualTo(8);
        assertThat(resolved.maxInFlight()).as("the defaults'").isEqualTo(50);
        assertThat(resolved.retry()).as("each retry value from its own layer")
                .isEqualTo(new RetrySettings(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10)));
        assertThat(resolved.ordering()).as("the engine's").isEqualTo(Ordering.KEY);
        assertThat(resolved.maxInFlightBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void propertyMapsMergeKeyByKey() {
        HandlerSettings file = DOGS.with(CONSUMER_PROPERTIES, Map.of("fetch.min.bytes", "2", "check.crcs", "false"));
        HandlerSettings overrides = NONE.with(CONSUMER_PROPERTIES, Map.of("fetch.min.bytes", "5"));

        assertThat(overrides.over(file).consumerProperties()).containsOnly(Map.entry("fetch.min.bytes", "5"),
                Map.entry("check.crcs", "false"));
    }

    @Test
    void namingTopicsOrAPatternReplacesBothOfTheLayerBelow() {
        HandlerSettings pattern = NONE.with(TOPIC_PATTERN, "dogs-.*");

        HandlerSettings resolved = DOGS.over(pattern).resolve(NONE, "dogs", "handler 'dogs'");

        assertThat(resolved.topics()).containsExactly("dogs");
        assertThat(resolved.topicPattern()).isNull();
    }

    @Test
    void theGroupIsTheHandlersThenItsPropertiesThenTheDefaultsThenItsId() {
        HandlerSettings defaults = NONE.with(GROUP_ID, "engine-group");
        HandlerSettings file = DOGS.with(CONSUMER_PROPERTIES, Map.of("group.id", "file"));

        assertThat(file.with(GROUP_ID, "own").resolve(defaults, "dogs", "h").groupId()).isEqualTo("own");
        assertThat(file.resolve(defaults, "dogs", "h").groupId()).isEqualTo("file");
        assertThat(DOGS.resolve(defaults, "dogs", "h").groupId()).isEqualTo("engine-group");
        assertThat(DOGS.resolve(NONE, "dogs", "h").groupId()).isEqualTo("dogs");
    }

    @Test
    void theDeadLetterTopicIsTheTopicWithTheSuffixUnlessNamed() {
        assertThat(DOGS.resolve(NONE, "dogs", "h").deadLetterTopicFor("dogs")).isEqualTo("dogs.DLT");
        assertThat(DOGS.with(DEAD_LETTER_TOPIC, "graveyard").resolve(NONE, "dogs", "h").deadLetterTopicFor("dogs"))
                .isEqualTo("graveyard");
    }

    @Test
    void aShareGroupHasNoOrderWhateverTheDefaults() {
        HandlerSettings resolved = DOGS.with(SHARE_GROUP, true).resolve(NONE.with(ORDERING, Ordering.PARTITION), "jobs", "h");

        assertThat(resolved.ordering()).isEqualTo(Ordering.NONE);
    }

    @Test
    void aBadValueFailsNamingItTheSettingAndWhereItWasSet() {
        assertThatThrownBy(() -> NONE.with(CONCURRENCY, 0).validate("kclient.handlers[dogs]"))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessage("Invalid value 0 for concurrency of kclient.handlers[dogs]: at least 1");
        assertThatThrownBy(() -> NONE.with(CONSUMER_PROPERTIES, Map.of("zookeeper.connect", "zk:2181")).validate("kclient.defaults"))
                .isInstanceOf(KClientConfigurationException.class).hasMessageContaining("consumer.properties of kclient.defaults")
                .hasMessageContaining("use bootstrap.servers");
        assertThatThrownBy(() -> NONE.with(TOPIC_PATTERN, "dogs(").validate("handler 'dogs'"))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("Invalid value 'dogs(' for topic-pattern of handler 'dogs': not a regular expression");
    }

    @Test
    void aHandlerConsumesTopicsOrAPatternNeverNeitherNorBoth() {
        assertThatThrownBy(() -> DOGS.with(TOPIC_PATTERN, "cats.*").validate("handler 'dogs'"))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("handler 'dogs' needs either topics or a topic pattern to consume, not both");
        assertThat(NONE.validate("a layer that names no topic")).isEqualTo(NONE);
        assertThatThrownBy(() -> NONE.resolve(NONE, "dogs", "handler 'dogs'"))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("not neither").hasMessageContaining("kclient.handlers[dogs].topics");
    }

    @Test
    void everySettingWithADefaultHasItInTheDefaults() {
        assertThat(HandlerSettings.DEFAULTS.get(CONCURRENCY)).isEqualTo(1);
        assertThat(HandlerSettings.DEFAULTS.get(TOPICS)).as("no default").isNull();
        assertThat(HandlerSettings.DEFAULTS.toString()).contains("max-in-flight=20000");
    }
}
