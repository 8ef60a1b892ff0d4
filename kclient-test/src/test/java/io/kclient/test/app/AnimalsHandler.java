package io.kclient.test.app;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;

/** Dogs in, cats out. */
@KafkaHandlers
public class AnimalsHandler {

    /** A dog, as sent to {@code dogs}. */
    public record Dog(String id, String name, int age) {
    }

    /** A cat, as published to {@code cats}. */
    public record Cat(String id, String name, int age) {
    }

    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
