package io.kclient.boot.autoconfigure.declared.widertype;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** Declared by a {@code @Bean} method of another name whose return type is an interface. */
@KafkaHandlers
public class WiderTypeHandlers implements Notifier {

    @InputConsumer(id = "widerType", topics = "wider-type")
    public void onText(String text) {
    }

    @Override
    public void notifyAll(String text) {
    }
}
