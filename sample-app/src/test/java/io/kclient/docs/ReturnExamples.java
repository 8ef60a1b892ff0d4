package io.kclient.docs;

import io.kclient.Message;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@KafkaHandlers
public class ReturnExamples {

    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    public List<Cat> kittens(Dog dog) {              // each element is one record on "cats"
        return List.of(new Cat(dog.id() + "-1", "Tom", 0), new Cat(dog.id() + "-2", "Kit", 0));
    }

    @InputConsumer(topic = "slow-dogs")
    @OutputProducer(topic = "cats")
    public CompletableFuture<Cat> later(Dog dog) {   // published, and committed, when it completes
        return CompletableFuture.supplyAsync(() -> new Cat(dog.id(), dog.name(), dog.age()));
    }

    @InputConsumer(topic = "vip-dogs")
    public Message<Cat> routed(Dog dog) {            // the message names its own topic, key, headers
        return Message.of(new Cat(dog.id(), dog.name(), dog.age()))
                .topic("vip-cats").key(dog.id()).header("source", "kclient");
    }
}
