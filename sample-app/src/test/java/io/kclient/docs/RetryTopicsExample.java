package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.RetryTopics;

@KafkaHandlers
public class RetryTopicsExample {

    // a dog still failing after its attempts waits 1 s on dogs.retry-1, then 10 s on dogs.retry-2,
    // then goes to dogs.DLT; the dogs behind it, of its own key too, do not wait for it
    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    @RetryTopics(delays = {"1s", "10s"})
    public Cat onDog(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
