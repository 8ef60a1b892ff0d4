package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.MockKafkaClients.header;
import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.Ordering;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.RetryTopics;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.convert.PayloadFormat;
import io.kclient.convert.PayloadReader;
import io.kclient.convert.PayloadWriter;
import io.kclient.listener.DeadLetterPublisher;
import io.kclient.listener.HandlerContainer;
import io.kclient.listener.ShareGroupContainer;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How kclient.* properties reach the engine: defaults, topics, clients, payload limits, and per-handler overrides. */
class KClientPropertiesTests {

    private static final String DOG = "{\"id\":\"1\",\"dogName\":\"Rex\"}"; // 26 bytes

    private final ApplicationContextRunner runner = MockKafkaClients.runner()
            .withBean("animals", Animals.class);

    @Test
    void defaultsAreTheEnginesDefaults() {
        runner.run(context -> {
            KClientProperties properties = context.getBean(KClientProperties.class);
            assertThat(properties.buildDefaults().over(HandlerSettings.DEFAULTS)).isEqualTo(HandlerSettings.DEFAULTS);
            assertThat(properties.buildTopicSettings()).isEqualTo(TopicSettings.DEFAULT);
        });
    }

    @Test
    void mapsDefaultsTopicSettingsAndRetry() {
        runner.withPropertyValues("kclient.defaults.concurrency=3", "kclient.defaults.ordering=partition",
                "kclient.defaults.max-in-flight=50", "kclient.defaults.max-in-flight-bytes=8MB", "kclient.defaults.retry.max-attempts=5",
                "kclient.defaults.retry.initial-backoff=1s", "kclient.defaults.retry.multiplier=3",
                "kclient.defaults.retry.max-backoff=20s", "kclient.defaults.dead-letter-suffix=.dead",
                "kclient.consumer.group-id=animals", "kclient.shutdown-timeout=5s", "kclient.topics.create-missing=false",
                "kclient.topics.partitions=6", "kclient.topics.replication-factor=3").run(context -> {
                    HandlerSettings dogs = client(context).container("dogs").settings();
                    assertThat(dogs.concurrency()).isEqualTo(3);
                    assertThat(dogs.ordering()).isEqualTo(Ordering.PARTITION);
                    assertThat(dogs.maxInFlight()).isEqualTo(50);
                    assertThat(dogs.maxInFlightBytes()).isEqualTo(8L * 1024 * 1024);
                    assertThat(dogs.retry()).isEqualTo(new RetrySettings(5, Duration.ofSeconds(1), 3.0, Duration.ofSeconds(20)));
                    assertThat(dogs.deadLetterTopicFor("dogs")).isEqualTo("dogs.dead");
                    assertThat(dogs.groupId()).isEqualTo("animals");
                    assertThat(dogs.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(context.getBean(KClientProperties.class).buildTopicSettings())
                            .isEqualTo(new TopicSettings(false, 6, (short) 3));
                });
    }

    @Test
    void passesClientAndProducerProperties() {
        runner.withPropertyValues("kclient.properties.security.protocol=SSL", "kclient.producer.properties.linger.ms=7")
                .run(context -> assertThat(context.getBean(MockKafkaClients.class).producerConfigOfDogs(client(context)))
                        .containsEntry("security.protocol", "SSL").containsEntry("linger.ms", "7"));
    }

    @Test
    void handlerPropertiesOverrideTheAnnotationWhichOverridesTheDefaults() {
        runner.withPropertyValues("kclient.defaults.concurrency=3", "kclient.defaults.retry.max-attempts=5",
                "kclient.handlers.dogs.concurrency=4", "kclient.handlers.dogs.ordering=none",
                "kclient.handlers.dogs.topics=puppies,hounds", "kclient.handlers.dogs.retry.initial-backoff=2s",
                "kclient.handlers.dogs.dead-letter-topic=lost-dogs", "kclient.handlers.dogs.group-id=walkers",
                "kclient.handlers.dogs.max-in-flight-bytes=1MB", "kclient.consumer.group-id=animals").run(context -> {
                    KClient kclient = client(context);
                    HandlerSettings dogs = kclient.container("dogs").settings();
                    assertThat(dogs.concurrency()).isEqualTo(4);
                    assertThat(dogs.ordering()).isEqualTo(Ordering.NONE);
                    assertThat(dogs.retry()).as("unset retry values keep the defaults")
                            .isEqualTo(new RetrySettings(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10)));
                    assertThat(dogs.deadLetterTopicFor("puppies")).isEqualTo("lost-dogs");
                    assertThat(dogs.groupId()).isEqualTo("walkers");
                    assertThat(dogs.maxInFlightBytes()).isEqualTo(1024L * 1024);
                    assertThat(kclient.container("dogs").subscription().topics()).containsExactly("puppies", "hounds");

                    HandlerSettings cats = kclient.container("cats").settings();
                    assertThat(cats.concurrency()).as("the annotation's, over the default").isEqualTo(2);
                    assertThat(cats.ordering()).isEqualTo(Ordering.KEY);
                    assertThat(cats.groupId()).as("the engine-wide group").isEqualTo("animals");
                    assertThat(cats.maxInFlightBytes()).as("the default").isEqualTo(HandlerSettings.MAX_IN_FLIGHT_BYTES.defaultValue());
                    assertThat(kclient.container("cats").subscription().topics()).containsExactly("cats");
                });
    }

    @Test
    void deliveryIsChosenPerHandler() {
        runner.withPropertyValues("kclient.handlers.dogs.delivery=exactly-once").run(context -> {
            KClient kclient = client(context);
            assertThat(kclient.container("dogs").delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
            assertThat(kclient.container("cats").delivery()).as("the default").isEqualTo(Delivery.AT_LEAST_ONCE);
        });
    }

    @Test
    void aHandlerIsPutInAShareGroupByProperty() {
        runner.withPropertyValues("kclient.handlers.dogs.share-group=true").run(context -> {
            KClient kclient = client(context);
            assertThat(kclient.container("dogs")).isInstanceOf(ShareGroupContainer.class);
            assertThat(kclient.container("dogs").settings().ordering()).as("a work queue keeps no order").isEqualTo(Ordering.NONE);
            assertThat(kclient.container("cats")).as("the default").isInstanceOf(HandlerContainer.class);
        });
    }

    @Test
    void aShareGroupHandlerThatIsExactlyOnceFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("kclient.handlers.dogs.share-group=true", "kclient.handlers.dogs.delivery=exactly-once")
                .run(context -> assertThat(configurationError(context)).hasMessageContaining("exactly-once in a share group")
                        .hasMessageContaining("kclient.handlers[dogs].share-group=false"));
    }

    @Test
    void retryTopicsAreChosenPerHandler() {
        runner.withPropertyValues("kclient.handlers.dogs.retry-topics.delays=1s,10s").run(context -> {
            KClient kclient = client(context);
            assertThat(kclient.container("dogs").subscription().topics()).as("the handler consumes its retry topics")
                    .containsExactly("dogs", "dogs.retry-1", "dogs.retry-2");
            assertThat(kclient.container("cats").subscription().topics()).as("the default").containsExactly("cats");
        });
    }

    @Test
    void anEmptyListOfDelaysTurnsAnnotatedRetryTopicsOff() {
        runner.withBean("retried", RetriedDogs.class).run(context -> assertThat(client(context).container("retried")
                .subscription().topics()).as("annotated").containsExactly("old-dogs", "old-dogs.retry-1"));
        runner.withBean("retried", RetriedDogs.class).withPropertyValues("kclient.handlers.retried.retry-topics.delays=")
                .run(context -> assertThat(client(context).container("retried").subscription().topics()).containsExactly("old-dogs"));
    }

    @KafkaHandlers
    static class RetriedDogs {
        @InputConsumer(id = "retried", topic = "old-dogs")
        @RetryTopics(delays = "1m")
        public void onDog(String dog) {
        }
    }

    @Test
    void anUnknownHandlerIdFailsTheStartListingTheIds() {
        runner.withPropertyValues("kclient.handlers.dgos.concurrency=4").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("kclient.handlers.dgos").hasMessageContaining("[cats, dogs]"));
    }

    @Test
    void aHandlerPropertyThatBindsToNothingFailsTheStartNamingIt() {
        runner.withPropertyValues("kclient.handlers.dogs.concurency=4").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("kclient.handlers.dogs.concurency").hasMessageContaining("Check their spelling"));
    }

    @Test
    void anUnknownConsumerPropertyFailsTheStartNamingIt() {
        runner.withPropertyValues("kclient.consumer.properties.max.pol.records=10").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("max.pol.records"));
    }

    @Test
    void anInvalidDefaultFailsTheStartNamingTheProperties() {
        runner.withPropertyValues("kclient.defaults.retry.max-attempts=0").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("Invalid value 0 for retry.max-attempts of the defaults (kclient.defaults.*): at least 1"));
    }

    @Test
    void anEmptyDefaultByteBoundKeepsTheDefault() {
        runner.withPropertyValues("kclient.defaults.max-in-flight-bytes=").run(context -> assertThat(
                client(context).container("dogs").settings().maxInFlightBytes()).isEqualTo(HandlerSettings.MAX_IN_FLIGHT_BYTES.defaultValue()));
    }

    @Test
    void aByteBoundBelowOneFailsTheStartNamingTheHandler() {
        runner.withPropertyValues("kclient.handlers.dogs.max-in-flight-bytes=0B").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("Invalid value 0 for max-in-flight-bytes of kclient.handlers[dogs]: at least 1"));
    }

    @Test
    void aPayloadOverTheDefaultLimitIsDeadLetteredUnread() {
        runner.withPropertyValues("kclient.defaults.max-payload-bytes=25").run(context -> {
            ProducerRecord<byte[], byte[]> letter = deadLetterOf(context, DOG);
            assertThat(header(letter, DeadLetterPublisher.EXCEPTION_CLASS)).isEqualTo("io.kclient.convert.PayloadTooLargeException");
            assertThat(header(letter, DeadLetterPublisher.EXCEPTION_MESSAGE)).contains("26 bytes").contains("25 bytes");
            assertThat(context.getBean(Animals.class).dogs()).isEmpty();
        });
    }

    @Test
    void aHandlersOwnLimitWinsOverTheDefault() {
        runner.withPropertyValues("kclient.defaults.max-payload-bytes=1000", "kclient.handlers.dogs.max-payload-bytes=20")
                .run(context -> assertThat(header(deadLetterOf(context, DOG), DeadLetterPublisher.EXCEPTION_MESSAGE))
                        .contains("20 bytes"));
    }

    @Test
    void formatSettingsReachTheApplicationsPayloadFormatsTheHandlersOwnOverTheDefaults() {
        RecordingFormat format = new RecordingFormat();
        runner.withBean(PayloadFormat.class, () -> format)
                .withPropertyValues("kclient.defaults.format.recording.mode=default", "kclient.defaults.format.recording.level=1",
                        "kclient.handlers.dogs.format.recording.mode=own")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(format.configured).contains(Map.of("mode", "own", "level", "1"), Map.of("mode", "default", "level", "1"));
                });
    }

    @Test
    void aFormatSettingOfAFormatNotOnTheClassPathFailsTheStartNamingTheHandlerAndTheModule() {
        runner.withPropertyValues("kclient.handlers.dogs.format.avro.encoding=binary").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("onDog").hasMessageContaining("'avro.encoding' names no payload format")
                .hasMessageContaining("io.kclient:kclient-avro").hasMessageContaining("kclient.handlers[dogs].format"));
    }

    /** A payload format of no type that remembers the settings it was configured with. */
    static final class RecordingFormat implements PayloadFormat {

        final List<Map<String, String>> configured = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public Codec configure(Map<String, String> settings) {
            configured.add(settings);
            return new Codec() {
                @Override
                public PayloadReader readerFor(Type type) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public PayloadWriter writerFor(Class<?> type) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    @Test
    void theTombstonePolicyComesFromTheDefaultsOrTheHandler() {
        runner.withPropertyValues("kclient.defaults.tombstones=dead-letter").run(context ->
                assertThat(header(deadLetterOf(context, null), DeadLetterPublisher.EXCEPTION_CLASS))
                        .isEqualTo("io.kclient.convert.TombstoneException"));
        runner.withPropertyValues("kclient.defaults.tombstones=skip", "kclient.handlers.dogs.tombstones=dead-letter").run(context ->
                assertThat(header(deadLetterOf(context, null), DeadLetterPublisher.EXCEPTION_MESSAGE))
                        .contains("payload parameter 'dog' (Dog) does not take"));
    }

    @Test
    void saslSettingsReachEveryProducer() {
        runner.withPropertyValues("kclient.properties.security.protocol=SASL_SSL", "kclient.properties.sasl.mechanism=PLAIN",
                "kclient.properties[sasl.jaas.config]=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"p\";")
                .run(context -> assertThat(context.getBean(MockKafkaClients.class).producerConfigOfDogs(client(context)))
                        .satisfies(config -> assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                                .containsEntry("sasl.mechanism", "PLAIN")
                                .hasEntrySatisfying("sasl.jaas.config", jaas -> assertThat(jaas.toString()).contains("PlainLoginModule"))));
    }

    private static KClient client(AssertableApplicationContext context) {
        return context.getBean(KClientEndpointRegistry.class).getClient();
    }

    private static ProducerRecord<byte[], byte[]> deadLetterOf(AssertableApplicationContext context, String payload) {
        return context.getBean(MockKafkaClients.class).deadLetterOfDog(client(context), payload);
    }
}
