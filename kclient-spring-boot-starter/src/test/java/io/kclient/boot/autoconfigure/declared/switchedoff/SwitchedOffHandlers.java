package io.kclient.boot.autoconfigure.declared.switchedoff;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** Declared by a configuration class that a condition switches off. */
@KafkaHandlers
public class SwitchedOffHandlers {

    @InputConsumer(id = "switchedOff", topics = "switched-off")
    public void onText(String text) {
    }
}
