package io.kclient.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.OutputProducer;
import io.kclient.protobuf.test.Owner;
import io.kclient.protobuf.test.ProtoCat;
import io.kclient.protobuf.test.ProtoDog;
import io.kclient.spring.annotation.KafkaHandlersBeanPostProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/** What KClient and Protobuf's runtime reach by reflection in a generated message, in the hints recorded for a handler. */
class ProtobufAotHintsTests {

    public static class Handlers {

        @InputConsumer(topic = "dogs")
        @OutputProducer(topic = "cats")
        public ProtoCat onDog(ProtoDog dog) {
            return null;
        }
    }

    @Test
    void aGeneratedMessageItsBuilderAndTheMessagesOfItsFieldsMayBeReached() throws NoSuchMethodException {
        RuntimeHints hints;
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(KafkaHandlersBeanPostProcessor.class);
            context.registerBean("handlers", Handlers.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(ProtobufAotHintsTests.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            hints = generation.getRuntimeHints();
        }

        for (Class<?> message : new Class<?>[] {ProtoDog.class, ProtoCat.class, Owner.class}) {
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(message.getMethod("getDefaultInstance")))
                    .as(message.getSimpleName()).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ProtoDog.Builder.class.getMethod("getName"))).accepts(hints);
    }
}
