package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

// docs/handlers.md, validating payloads
@KafkaHandlers
public class ValidationExample {

    public record Order(@NotBlank String id, @Positive int quantity) {
    }

    @InputConsumer(topic = "orders")
    public void onOrder(@Valid Order order) {
        // only orders with an id and a positive quantity get here; the others go to orders.DLT
    }
}
