package io.kclient.sample.animals;

import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every dog into a cat. The cat goes to the cats topic with the dog's key, so the order of
 * one dog's updates holds downstream. No {@code @Component}: {@code @KafkaHandlers} is enough.
 */
@KafkaHandlers
public class AnimalsHandler {

    private static final Logger log = LoggerFactory.getLogger(AnimalsHandler.class);

    @InputConsumer(id = "dogs", topic = "${sample.topics.dogs:dogs}")
    @OutputProducer(topic = "${sample.topics.cats:cats}")
    public Cat onDog(Dog dog) {
        if (dog.id() == null || dog.id().isBlank()) {
            throw new IllegalArgumentException("a dog needs an id");
        }
        return Cat.from(dog);
    }

    /** Runs after the last retry; the dog then goes to the dead-letter topic ({@code dogs.DLT}). */
    @ErrorHandler(exception = IllegalArgumentException.class, topic = "${sample.topics.dogs:dogs}")
    public void onBadDog(IllegalArgumentException e, Dog dog) {
        log.warn("Rejected dog {}: {}", dog, e.getMessage());
    }
}
