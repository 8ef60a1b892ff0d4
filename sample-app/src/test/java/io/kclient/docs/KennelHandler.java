package io.kclient.docs;

import io.kclient.KafkaPublisher;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;

/** docs/publishing.md: a handler's sends belong to the record it handles. */
@KafkaHandlers
public class KennelHandler {

    private final KafkaPublisher publisher;

    public KennelHandler(KafkaPublisher publisher) {
        this.publisher = publisher;
    }

    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        publisher.send("announcements", dog.id(), dog.name() + " arrived");   // goes out when onDog returns
        if (dog.age() > 12) {
            publisher.send("vets", dog.id(), dog);                         // as many sends as it likes
        }
        return new Cat(dog.id(), dog.name(), dog.age());
        // the dog's offset is committed only once the broker acknowledged the cat and both sends
    }
}
