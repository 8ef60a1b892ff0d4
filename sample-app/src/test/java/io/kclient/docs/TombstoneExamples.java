package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.OutputProducer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

@KafkaHandlers
public class TombstoneExamples {

    private final Map<String, Dog> registry = new ConcurrentHashMap<>();

    @InputConsumer(topic = "dog-registry")               // compacted: a tombstone deletes a dog
    public void onDog(@KafkaKey String id, @Nullable Dog dog) {
        if (dog == null) {
            registry.remove(id);
        } else {
            registry.put(id, dog);
        }
    }

    @InputConsumer(topic = "dog-updates")
    public void onUpdate(@KafkaKey String id, Optional<Dog> dog) {   // empty for a tombstone
        dog.ifPresentOrElse(present -> registry.put(id, present), () -> registry.remove(id));
    }

    @InputConsumer(topic = "new-dogs")                    // not nullable: tombstones never reach it
    @OutputProducer(topic = "new-cats")
    public Cat onNewDog(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
