package io.kclient.boot.autoconfigure.app;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** No {@code @Component}: a bean because it is in the application's packages. */
@KafkaHandlers
public class PackagedHandlers {

    @InputConsumer(id = "packaged", topics = "packaged")
    public void onText(String text) {
    }
}
