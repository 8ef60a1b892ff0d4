package io.kclient.docs;

import io.kclient.KClient;
import io.kclient.KafkaPublisher;
import java.time.Duration;

/** docs/publishing.md: the publisher without Spring. */
class PlainPublisherExample {

    void withTheEngine(KClient kclient, Dog dog) {
        kclient.publisher().send("dogs", dog.id(), dog);   // the engine's clients; closed with the engine
    }

    void alone(Dog dog) {
        try (KafkaPublisher publisher = KafkaPublisher.builder().bootstrapServers("localhost:9092").build()) {
            publisher.sendAndWait("dogs", dog.id(), dog, Duration.ofSeconds(5));
        }
    }
}
