package io.kclient.docs;

import io.kclient.Ordering;
import io.kclient.RecordCoordinates;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaHeader;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.KafkaMetadata;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

@KafkaHandlers
public class ParameterExamples {

    @InputConsumer(id = "kennel", topics = {"dogs", "puppies"}, groupId = "kennel",
            concurrency = 8, ordering = Ordering.KEY)
    public void onDog(Dog dog, @KafkaKey String key, @KafkaHeader("trace-id") String traceId,
            @KafkaMetadata RecordCoordinates where) {
        // where.topic(), where.partition(), where.offset(), where.timestamp()
    }

    @InputConsumer(topic = "${kennel.raw-topic:raw}")
    public void onText(String text) { }            // raw UTF-8 text, JSON or not

    @InputConsumer(topic = "blobs")
    public void onBytes(byte[] bytes) { }           // the bytes as they came

    @InputConsumer(topic = "events")
    public void onTree(JsonNode tree) { }           // any JSON

    @InputConsumer(topic = "litters")
    public void onLitter(List<Dog> dogs) { }        // a JSON array of real Dog objects

    @InputConsumer(topic = "pedigrees")
    public void onXml(Document pedigree) { }        // XML; a DOCTYPE is refused

    @InputConsumer(topicPattern = "animals\\..*", ordering = Ordering.NONE)
    public void onRecord(ConsumerRecord<String, Dog> record) { }
}
