package io.kclient.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.Message;
import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.OutputProducer;
import io.kclient.spring.annotation.KafkaHandlersBeanPostProcessor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/** The hints the AOT engine records for handler beans when KClient's processor is registered (aot.factories). */
class KafkaHandlersAotProcessorTests {

    public record Dog(String id, String name, Owner owner) {
    }

    public record Owner(String name) {
    }

    public record Cat(String id) {
    }

    public record Kitten(String id) {
    }

    public static class Base {

        @InputConsumer(topic = "inherited")
        public void inherited(Optional<Dog> dog) {
        }
    }

    @KafkaHandlers
    public static class Handlers extends Base {

        @InputConsumer(topic = "dogs")
        @OutputProducer(topic = "cats")
        public List<Cat> onDog(Dog dog, @KafkaKey String key) {
            return List.of();
        }

        @InputConsumer(topic = "records")
        @OutputProducer(topic = "kittens")
        public CompletableFuture<Message<Kitten>> onRecord(ConsumerRecord<String, Dog> record) {
            return null;
        }

        @ErrorHandler(exception = IllegalStateException.class)
        void onFailure(IllegalStateException e, Dog dog) {
        }

        public void notAHandler(Kitten kitten) {
        }
    }

    public static class Plain {

        public void onDog(Dog dog) {
        }
    }

    private final RuntimeHints hints = processedAheadOfTime();

    @Test
    void everyHandlerAndErrorHandlerMethodMayBeCalled() {
        for (String method : List.of("onDog", "onRecord", "onFailure")) {
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, method)).as(method).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Base.class, "inherited")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "notAHandler")).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Base.class)).as("its methods are read").accepts(hints);
    }

    @Test
    void payloadAndReturnTypesAreBoundWithTheTypesTheyReach() throws NoSuchMethodException {
        for (Class<?> type : List.of(Dog.class, Owner.class, Cat.class, Kitten.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Dog.class.getMethod("name"))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(Cat.class.getDeclaredConstructor(String.class)))
                .accepts(hints);
    }

    @Test
    void aBeanWithoutHandlersAddsNothing() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Plain.class, "onDog")).rejects(hints);
    }

    @Test
    void thePayloadFormatsOnTheClassPathMayBeFound() {
        assertThat(RuntimeHintsPredicates.resource().forResource(PayloadFormatHints.SERVICES)).accepts(hints);
    }

    private static RuntimeHints processedAheadOfTime() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(KafkaHandlersBeanPostProcessor.class);
            context.registerBean("handlers", Handlers.class);
            context.registerBean("plain", Plain.class);
            // spring-core-test's TestGenerationContext is not published for Spring 7: the same, from spring-core
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(KafkaHandlersAotProcessorTests.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            return generation.getRuntimeHints();
        }
    }
}
