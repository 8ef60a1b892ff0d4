package io.kclient.bench.contender;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;

/**
 * The KClient handler, written as a user would: topics and group from placeholders, concurrency
 * and ordering from the engine's defaults.
 */
@KafkaHandlers
public class KClientDogHandler {

    private final DogToCat work;

    public KClientDogHandler(DogToCat work) {
        this.work = work;
    }

    @InputConsumer(id = "bench", topic = "${bench.input}", groupId = "${bench.group}")
    @OutputProducer(topic = "${bench.output}")
    public Cat onDog(Dog dog) {
        return work.apply(dog);
    }
}
