package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;

@KafkaHandlers
public class WorkQueueExample {

    // every instance's 16 workers take dogs from one queue, however few partitions "grooming" has
    @InputConsumer(topic = "grooming", shareGroup = true, concurrency = 16)
    @OutputProducer(topic = "groomed")
    public Cat groom(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
