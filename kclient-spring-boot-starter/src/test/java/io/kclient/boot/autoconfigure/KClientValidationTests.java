package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.MockKafkaClients.header;
import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.annotation.InputConsumer;
import io.kclient.convert.PayloadValidationException;
import io.kclient.handler.PayloadValidator;
import io.kclient.listener.DeadLetterPublisher;
import io.kclient.spring.config.KClientEndpointRegistry;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code @Valid} payloads, validated with the context's Bean Validation {@link Validator}. */
class KClientValidationTests {

    public record Dog(@NotBlank String id, @Min(0) int age) {
    }

    public static class ValidatingHandler {
        final List<Dog> dogs = new CopyOnWriteArrayList<>();

        @InputConsumer(id = "dogs", topics = "dogs")
        public void onDog(@Valid Dog dog) {
            dogs.add(dog);
        }
    }

    private final ApplicationContextRunner runner = MockKafkaClients.runner()
            .withBean("validating", ValidatingHandler.class);

    private final ApplicationContextRunner withValidator = runner
            .withBean(Validator.class, () -> Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void theContextsValidatorChecksValidPayloads() {
        withValidator.run(context -> assertThat(context).hasSingleBean(PayloadValidator.class));
    }

    @Test
    void anInvalidPayloadGoesToTheDeadLetterTopicWithItsViolations() {
        withValidator.run(context -> {
            ProducerRecord<byte[], byte[]> letter = deadLetterOf(context, "{\"id\":\" \",\"age\":-2}");
            assertThat(header(letter, DeadLetterPublisher.EXCEPTION_CLASS)).isEqualTo(PayloadValidationException.class.getName());
            assertThat(header(letter, DeadLetterPublisher.EXCEPTION_MESSAGE))
                    .contains("age: must be greater than or equal to 0").contains("id: must not be blank");
            assertThat(context.getBean(ValidatingHandler.class).dogs).isEmpty();
        });
    }

    @Test
    void validWithoutAValidatorFailsTheStartNamingTheMethodAndTheFix() {
        runner.run(context -> assertThat(configurationError(context))
                .hasMessageContaining("bean 'validating' method onDog").hasMessageContaining("@Valid")
                .hasMessageContaining("spring-boot-starter-validation"));
    }

    private static ProducerRecord<byte[], byte[]> deadLetterOf(AssertableApplicationContext context, String payload) {
        return context.getBean(MockKafkaClients.class).deadLetterOfDog(context.getBean(KClientEndpointRegistry.class).getClient(), payload);
    }
}
