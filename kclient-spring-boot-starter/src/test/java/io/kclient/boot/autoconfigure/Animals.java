package io.kclient.boot.autoconfigure;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.OutputProducer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test handlers: dogs in, cats out, and a cat handler whose annotation sets a concurrency. */
public class Animals {

    public record Dog(String id, String dogName) {
    }

    public record Cat(String id, String catName) {
    }

    private final List<Dog> dogs = new CopyOnWriteArrayList<>();

    @InputConsumer(id = "dogs", topics = "dogs")
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        dogs.add(dog);
        return new Cat(dog.id(), dog.dogName());
    }

    @InputConsumer(id = "cats", topics = "cats", concurrency = 2)
    public void onCat(Cat cat) {
    }

    public List<Dog> dogs() {
        return dogs;
    }
}
