package io.kclient.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.OutputProducer;
import io.kclient.avro.test.AvroCat;
import io.kclient.avro.test.AvroDog;
import io.kclient.avro.test.Chain;
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

/** What Avro's runtime reaches by reflection in a generated class, in the hints KClient's AOT processor records for a handler. */
class AvroAotHintsTests {

    public static class Handlers {

        @InputConsumer(topic = "dogs")
        @OutputProducer(topic = "cats")
        public AvroCat onDog(AvroDog dog) {
            return null;
        }

        @InputConsumer(topic = "chains")
        public void onChain(Chain chain) {
        }
    }

    @Test
    void aGeneratedClassMayBeMadeAndItsSchemaReadAsAvroDoes() throws NoSuchMethodException {
        RuntimeHints hints = processedAheadOfTime();

        for (Class<?> type : new Class<?>[] {AvroDog.class, AvroCat.class, Chain.class}) {
            assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructor())).accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(type, "SCHEMA$")).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onType(AvroDog.Builder.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Handlers.class, "onDog")).accepts(hints);
    }

    private static RuntimeHints processedAheadOfTime() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(KafkaHandlersBeanPostProcessor.class);
            context.registerBean("handlers", Handlers.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(AvroAotHintsTests.class)), new InMemoryGeneratedFiles());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            return generation.getRuntimeHints();
        }
    }
}
