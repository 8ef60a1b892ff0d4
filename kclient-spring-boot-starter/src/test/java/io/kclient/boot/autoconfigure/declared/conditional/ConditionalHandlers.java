package io.kclient.boot.autoconfigure.declared.conditional;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** Declared by a {@code @Bean} method that a condition may switch off. */
@KafkaHandlers
public class ConditionalHandlers {

    @InputConsumer(id = "conditional", topics = "conditional")
    public void onText(String text) {
    }
}
