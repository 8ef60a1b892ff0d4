package io.kclient.bench.contender;

import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.SendTo;

/** The Spring for Apache Kafka listener, as its reference documentation writes one: the return value is the reply. */
public class SpringDogListener {

    private final DogToCat work;

    public SpringDogListener(DogToCat work) {
        this.work = work;
    }

    @KafkaListener(id = "bench", topics = "${bench.input}", groupId = "${bench.group}")
    @SendTo("${bench.output}")
    public Cat onDog(Dog dog) {
        return work.apply(dog);
    }
}
