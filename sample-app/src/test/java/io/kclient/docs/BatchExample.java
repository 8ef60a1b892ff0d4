package io.kclient.docs;

import io.kclient.BatchFailedException;
import io.kclient.Ordering;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

// docs/handlers.md: Batch handlers
@KafkaHandlers
public class BatchExample {

    private final Kennel kennel = new Kennel();

    // one partition's dogs per call, in offset order, at most batch-max-records (500)
    @InputConsumer(topic = "dogs", batch = true)
    @OutputProducer(topic = "cats")
    public List<Cat> onDogs(List<Dog> dogs) {
        List<Cat> cats = new ArrayList<>(dogs.size());
        for (int i = 0; i < dogs.size(); i++) {
            Dog dog = dogs.get(i);
            try {
                kennel.admit(dog);
            } catch (IllegalStateException full) {
                throw new BatchFailedException(i, full, cats); // dogs before i are done with their cats, dog i is retried alone
            }
            cats.add(new Cat(dog.id(), dog.name(), dog.age())); // element i is dog i's output, with dog i's key
        }
        return cats;
    }

    @InputConsumer(topic = "dog-events", batch = true, ordering = Ordering.PARTITION)
    public void onEvents(List<ConsumerRecord<String, Dog>> events) {
        for (ConsumerRecord<String, Dog> event : events) {
            kennel.log(event.key(), event.offset(), event.value());   // keys, headers and offsets are here
        }
    }

    /** Where the example's dogs go: an external system that may be full. */
    static final class Kennel {

        private final Set<String> admitted = new HashSet<>();

        synchronized void admit(Dog dog) {
            if (admitted.size() >= 10_000) {
                throw new IllegalStateException("kennel full");
            }
            admitted.add(dog.id());
        }

        void log(String key, long offset, Dog dog) {
        }
    }
}
