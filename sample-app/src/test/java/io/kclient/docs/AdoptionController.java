package io.kclient.docs;

import io.kclient.KafkaPublisher;
import io.kclient.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** docs/publishing.md: publishing from a REST controller through the starter's publisher bean. */
@RestController
public class AdoptionController {

    private final KafkaPublisher publisher;          // the starter's bean

    public AdoptionController(KafkaPublisher publisher) {
        this.publisher = publisher;
    }

    @PostMapping("/dogs")
    public CompletableFuture<String> arrive(@RequestBody Dog dog) {
        return publisher.send("dogs", dog.id(), dog)               // JSON, keyed by the dog's id
                .thenApply(written -> "dogs-" + written.partition() + "@" + written.offset());
    }

    @PostMapping("/dogs/{id}/vip")
    public RecordMetadata vip(@PathVariable String id, @RequestBody Dog dog) {
        return publisher.sendAndWait(Message.of(dog).topic("vip-dogs").key(id).partition(0)
                .header("source", "rest"), Duration.ofSeconds(5));  // waits at most 5 s for the broker
    }

    @PostMapping("/dogs/{id}/adoption")
    public void adopt(@PathVariable String id, @RequestBody Dog dog) {
        publisher.inTransaction(tx -> {                            // both or neither
            tx.send("adoptions", id, dog);
            tx.send("audit", id, "adopted " + dog.name());
        });
    }
}
