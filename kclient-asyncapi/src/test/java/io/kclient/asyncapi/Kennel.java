package io.kclient.asyncapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.Timestamp;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.Replies;
import io.kclient.annotation.RetryTopics;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/** Handlers of every shape a document describes. */
@KafkaHandlers
public class Kennel {

    /** A dog. */
    public record Dog(@JsonProperty(required = true) String id, String name, int age, Owner owner) {
    }

    public record Owner(String name) {
    }

    public record Cat(String id, String name, List<String> toys) {
    }

    @InputConsumer(id = "dogs", topic = "dogs")
    @OutputProducer(topic = "cats")
    @RetryTopics(delays = "1s")
    public Cat onDog(Dog dog, @KafkaKey String id) {
        return null;
    }

    @InputConsumer(id = "adoptions", topic = "adoptions")
    @Replies
    public Cat adopt(Dog dog) {
        return null;
    }

    @InputConsumer(id = "events", topicPattern = "animals\\..*")
    public void onEvent(JsonNode event) {
    }

    @InputConsumer(id = "legacy", topic = "legacy-dogs")
    public void onLegacy(GenericRecord dog) {
    }

    @InputConsumer(id = "clock", topic = "ticks")
    public void onTick(Timestamp tick) {
    }

    @InputConsumer(id = "raw", topics = {"raw", "raw-too"})
    public void onRaw(ConsumerRecord<byte[], byte[]> record) {
    }

    @InputConsumer(id = "litters", topic = "litters")
    @OutputProducer(topic = "pedigrees")
    public Document onLitter(List<Dog> litter) {
        return null;
    }

    @InputConsumer(id = "jobs", topic = "jobs", shareGroup = true)
    public void onJob(String job) {
    }
}
