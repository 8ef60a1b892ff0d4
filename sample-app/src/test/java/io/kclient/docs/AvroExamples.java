package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.docs.avro.AvroCat;
import io.kclient.docs.avro.AvroDog;
import org.apache.avro.generic.GenericRecord;

@KafkaHandlers
public class AvroExamples {

    @InputConsumer(topic = "avro-dogs")
    @OutputProducer(topic = "avro-cats")
    public AvroCat onDog(AvroDog dog) {                  // classes generated from .avsc files
        return AvroCat.newBuilder().setId(dog.getId()).setName(dog.getName()).build();
    }

    @InputConsumer(id = "legacyDogs", topic = "legacy-dogs")
    public void onLegacyDog(GenericRecord dog) {         // the schema comes from a handler setting
        String name = dog.get("name").toString();
    }
}
