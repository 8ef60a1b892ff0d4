package io.kclient.readme;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;

// README: intro
@KafkaHandlers
public class AnimalsHandler {

    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
