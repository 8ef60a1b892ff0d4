package io.kclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.Replies;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotatedHandlerReaderTests {

    private final AnnotatedHandlerReader reader =
            new AnnotatedHandlerReader(new SystemPropertyPlaceholders(Map.of("dogs.topic", "dogs", "n", "6")::get));

    record Dog(String id) {
    }

    @KafkaHandlers
    static class KClientOne {
        @InputConsumer(propertiesFile = "consumer-ok.properties", topic = "${dogs.topic}", streamNum = 3)
        @OutputProducer(defaultTopic = "cats")
        public Dog onDog(Dog dog) {
            return dog;
        }

        @ErrorHandler(exception = IllegalStateException.class, topic = "dogs")
        public void onError(IllegalStateException e, String raw) {
        }
    }

    @Test
    void readsKClientOneAttributesAsAliases() {
        HandlerEndpoint endpoint = single(new KClientOne());
        assertThat(endpoint.id()).isEqualTo("kClientOne.onDog");
        assertThat(endpoint.settings().topics()).containsExactly("dogs");
        assertThat(endpoint.settings().get(HandlerSettings.CONCURRENCY)).isEqualTo(3);
        assertThat(endpoint.outputTopic()).isEqualTo("cats");
        assertThat(endpoint.settings().consumerProperties()).containsEntry("max.poll.records", "50");
        assertThat(endpoint.errorHandlers()).singleElement()
                .satisfies(e -> assertThat(e.exceptionType()).isEqualTo(IllegalStateException.class));
    }

    static class NewAttributes {
        @InputConsumer(id = "dogs-${n}", topics = {"a", "b"}, groupId = "g", concurrency = 8, ordering = Ordering.NONE,
                delivery = Delivery.EXACTLY_ONCE)
        public void onDog(Dog dog) {
        }

        @InputConsumer(topicPattern = "animals\\..*", fixedThreadNum = 2)
        public void onAnimal(Dog dog) {
        }
    }

    @Test
    void readsNewAttributesAndPlaceholdersWithoutKafkaHandlersOnTheClass() {
        List<HandlerEndpoint> endpoints = reader.read(new NewAttributes(), "animals", NewAttributes.class);
        HandlerEndpoint onDog = endpoints.stream().filter(e -> e.method().getName().equals("onDog")).findFirst().orElseThrow();
        assertThat(onDog.id()).isEqualTo("dogs-6");
        assertThat(onDog.settings().topics()).containsExactly("a", "b");
        assertThat(onDog.settings().groupId()).isEqualTo("g");
        assertThat(onDog.settings().get(HandlerSettings.CONCURRENCY)).isEqualTo(8);
        assertThat(onDog.settings().ordering()).isEqualTo(Ordering.NONE);
        assertThat(onDog.settings().delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        HandlerEndpoint onAnimal = endpoints.stream().filter(e -> e.method().getName().equals("onAnimal")).findFirst().orElseThrow();
        assertThat(onAnimal.settings().topicPattern()).isEqualTo("animals\\..*");
        assertThat(onAnimal.settings().get(HandlerSettings.CONCURRENCY)).isEqualTo(2);
        assertThat(onAnimal.settings().ordering()).isNull();
        assertThat(onAnimal.settings().delivery()).as("left to the default").isNull();
    }

    static class NoTopic {
        @InputConsumer
        public void onDog(Dog dog) {
        }
    }

    static class ElasticPool {
        @InputConsumer(topic = "dogs", minThreadNum = 2, maxThreadNum = 10)
        public void onDog(Dog dog) {
        }
    }

    static class ConflictingAliases {
        @InputConsumer(topic = "dogs", streamNum = 2, concurrency = 4)
        public void onDog(Dog dog) {
        }
    }

    static class TwoOrderings {
        @InputConsumer(topic = "dogs", ordering = {Ordering.KEY, Ordering.NONE})
        public void onDog(Dog dog) {
        }
    }

    static class TwoDeliveries {
        @InputConsumer(topic = "dogs", delivery = {Delivery.AT_LEAST_ONCE, Delivery.EXACTLY_ONCE})
        public void onDog(Dog dog) {
        }
    }

    static class OutputWithoutTopic {
        @InputConsumer(topic = "dogs")
        @OutputProducer
        public Dog onDog(Dog dog) {
            return dog;
        }
    }

    static class RepliesAndOutput {
        @InputConsumer(topic = "dogs")
        @OutputProducer(topic = "cats")
        @Replies
        public Dog onDog(Dog dog) {
            return dog;
        }
    }

    static class ErrorHandlerOfAnotherTopic {
        @InputConsumer(topic = "dogs")
        public void onDog(Dog dog) {
        }

        @ErrorHandler(topic = "cats")
        public void onError(Exception e) {
        }
    }

    static class ImpossibleCheckedException {
        @InputConsumer(topic = "dogs")
        public void onDog(Dog dog) {
        }

        @ErrorHandler(exception = IOException.class)
        public void onError(IOException e) {
        }
    }

    static class DeclaredCheckedException {
        @InputConsumer(topic = "dogs")
        public void onDog(Dog dog) throws IOException {
        }

        @ErrorHandler(exception = IOException.class)
        public void onError(IOException e) {
        }
    }

    static class OnlyErrorHandler {
        @ErrorHandler
        public void onError(Exception e) {
        }
    }

    static class Both {
        @InputConsumer(topic = "dogs")
        @ErrorHandler
        public void onDog(Dog dog) {
        }
    }

    static class ZooKeeperEra {
        @InputConsumer(topic = "dogs", propertiesFile = "consumer-kclient1.properties")
        public void onDog(Dog dog) {
        }
    }

    static class Typo {
        @InputConsumer(topic = "dogs", propertiesFile = "consumer-typo.properties")
        public void onDog(Dog dog) {
        }
    }

    static class MissingFile {
        @InputConsumer(topic = "dogs", propertiesFile = "nowhere.properties")
        public void onDog(Dog dog) {
        }
    }

    static class Unresolvable {
        @InputConsumer(topic = "${no.such.property}")
        public void onDog(Dog dog) {
        }
    }

    @Test
    void namesTheBeanTheMethodAndTheFixForEveryMistake() {
        assertError(new ElasticPool(), "minThreadNum/maxThreadNum of KClient 1 are not supported", "concurrency = N");
        assertError(new ConflictingAliases(), "sets concurrency = 4 and streamNum = 2", "keep one");
        assertError(new TwoOrderings(), "sets 2 orderings");
        assertError(new TwoDeliveries(), "sets 2 delivery promises: choose one of [AT_LEAST_ONCE, EXACTLY_ONCE]");
        assertError(new OutputWithoutTopic(), "has @OutputProducer without a topic");
        assertError(new RepliesAndOutput(), "method onDog(Dog) has both @Replies and @OutputProducer", "keep");
        assertError(new ErrorHandlerOfAnotherTopic(), "method onError(Exception) handles failures of topic 'cats'");
        assertError(new ImpossibleCheckedException(), "handles java.io.IOException", "can never occur");
        assertError(new OnlyErrorHandler(), "no @InputConsumer method");
        assertError(new Both(), "is both @InputConsumer and @ErrorHandler");
        assertError(new ZooKeeperEra(), "'zookeeper.connect'", "use bootstrap.servers");
        assertError(new Typo(), "'max.pol.records'", "is not a Kafka consumer property");
        assertError(new MissingFile(), "propertiesFile 'nowhere.properties'", "was not found");
        assertError(new Unresolvable(), "Could not resolve placeholder 'no.such.property'");
    }

    /** kclient.handlers.&lt;id&gt;.topics may name them; with no topics anywhere, the engine's build fails. */
    @Test
    void aHandlerWithoutTopicsTakesThemFromAHigherLayerOrFailsItsResolution() {
        HandlerEndpoint endpoint = reader.read(new NoTopic(), "bean", NoTopic.class).get(0);

        assertThatThrownBy(() -> endpoint.settings().resolve(HandlerSettings.NONE, endpoint.id(), endpoint.describe()))
                .isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'bean' method onDog(Dog) needs either topics or a topic pattern to consume, not neither")
                .hasMessageContaining("set @InputConsumer(topics = ...) or topicPattern (or kclient.handlers[bean.onDog].topics)");
        assertThat(HandlerSettings.NONE.with(HandlerSettings.TOPICS, List.of("dogs")).over(endpoint.settings())
                .resolve(HandlerSettings.NONE, endpoint.id(), endpoint.describe()).topics()).containsExactly("dogs");
    }

    @Test
    void aCheckedExceptionThatAHandlerDeclaresCanBeHandled() {
        assertThat(single(new DeclaredCheckedException()).errorHandlers()).hasSize(1);
    }

    private HandlerEndpoint single(Object bean) {
        List<HandlerEndpoint> endpoints = reader.read(bean, null, bean.getClass());
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }

    private void assertError(Object bean, String... fragments) {
        assertThatThrownBy(() -> reader.read(bean, "bean", bean.getClass()))
                .isInstanceOf(KClientConfigurationException.class)
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }
}
