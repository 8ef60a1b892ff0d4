package io.kclient.bench.rpc;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.Replies;
import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;

/** The called side, written as a user would: it answers each dog with a cat. */
@KafkaHandlers
public class ReplyingDogHandler {

    private final DogToCat work;

    public ReplyingDogHandler(DogToCat work) {
        this.work = work;
    }

    @InputConsumer(id = "bench-rpc", topic = "${bench.input}", groupId = "${bench.group}")
    @Replies
    public Cat onDog(Dog dog) {
        return work.apply(dog);
    }
}
