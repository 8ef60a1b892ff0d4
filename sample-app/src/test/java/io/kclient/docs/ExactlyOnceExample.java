package io.kclient.docs;

import io.kclient.Delivery;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;

@KafkaHandlers
public class ExactlyOnceExample {

    // each poll batch: its cats, its dead letters and its offsets commit in one Kafka transaction
    @InputConsumer(topic = "dogs", delivery = Delivery.EXACTLY_ONCE)
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
