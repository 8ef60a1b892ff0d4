package io.kclient.spring.annotation.scanned;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.spring.Dog;

/** No {@code @Component}: a bean only through {@code @KafkaHandlersScan}. */
@KafkaHandlers
public class ScannedHandlers {

    @InputConsumer(topics = "scanned")
    public void onDog(Dog dog) {
    }
}
