package io.kclient.bench.contender;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KClientDogHandler}'s work as a batch handler: one partition's dogs per call, their cats
 * returned one per dog, so each cat carries its dog's key.
 */
@KafkaHandlers
public class KClientBatchDogHandler {

    private final DogToCat work;

    public KClientBatchDogHandler(DogToCat work) {
        this.work = work;
    }

    @InputConsumer(id = "bench", topic = "${bench.input}", groupId = "${bench.group}", batch = true)
    @OutputProducer(topic = "${bench.output}")
    public List<Cat> onDogs(List<Dog> dogs) {
        List<Cat> cats = new ArrayList<>(dogs.size());
        for (Dog dog : dogs) {
            cats.add(work.apply(dog));
        }
        return cats;
    }
}
