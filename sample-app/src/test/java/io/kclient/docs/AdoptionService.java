package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.Replies;

@KafkaHandlers
public class AdoptionService {

    @InputConsumer(topic = "adoptions")
    @Replies                                         // answers its callers; publishes nothing else
    public Cat adopt(Dog dog) {
        if (dog.age() < 0) {
            throw new IllegalArgumentException("negative age");   // the caller gets a RemoteHandlerException
        }
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
