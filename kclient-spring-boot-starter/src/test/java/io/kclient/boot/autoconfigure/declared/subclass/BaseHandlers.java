package io.kclient.boot.autoconfigure.declared.subclass;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** Its subclass is declared by a {@code @Bean} method, and inherits its handler. */
@KafkaHandlers
public class BaseHandlers {

    @InputConsumer(topics = "base")
    public void onText(String text) {
    }
}
