package io.kclient.boot.autoconfigure.declared.samename;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** Declared by a {@code @Bean} method named like the class, with a wider return type. */
@KafkaHandlers
public class SameNameHandlers {

    @InputConsumer(id = "sameName", topics = "same-name")
    public void onText(String text) {
    }
}
