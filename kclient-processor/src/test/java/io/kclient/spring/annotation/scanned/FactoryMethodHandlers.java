package io.kclient.spring.annotation.scanned;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.spring.Dog;

/** Returned by a {@code @Bean} method and found by {@code @KafkaHandlersScan}: must become one bean. */
@KafkaHandlers
public class FactoryMethodHandlers {

    @InputConsumer(topics = "factory-method")
    public void onDog(Dog dog) {
    }
}
