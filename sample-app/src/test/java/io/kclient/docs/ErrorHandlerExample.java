package io.kclient.docs;

import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

@KafkaHandlers
public class ErrorHandlerExample {

    @InputConsumer(topic = "dogs")
    @OutputProducer(topic = "cats")
    public Cat onDog(Dog dog) {
        if (dog.age() < 0) {
            throw new IllegalArgumentException("negative age");
        }
        return new Cat(dog.id(), dog.name(), dog.age());
    }

    // after the last retry; then the record goes to dogs.DLT
    @ErrorHandler(exception = IllegalArgumentException.class, topic = "dogs")
    public void onBadDog(IllegalArgumentException e, Dog dog, ConsumerRecord<String, String> record) {
        // alert, count, compensate...
    }
}
