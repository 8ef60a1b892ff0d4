package io.kclient.docs;

// README.md (the class), docs/getting-started.md (the whole file from its imports)
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;

@KafkaHandlers
public class AnimalsHandler {

    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
