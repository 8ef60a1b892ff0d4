package io.kclient.avro.app;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.avro.test.AvroCat;
import io.kclient.avro.test.AvroDog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Generated classes in the default encoding; generic records in bare binary with the schema from properties. */
@KafkaHandlers
public class AvroHandlers {

    /** The dogs each handler was called with: a poison pill never reaches a handler. */
    public final List<String> called = new CopyOnWriteArrayList<>();

    @InputConsumer(id = "specific", topic = "avro-dogs")
    @OutputProducer(topic = "avro-cats")
    public AvroCat onDog(AvroDog dog) {
        called.add(dog.getId());
        return new AvroCat(dog.getId(), dog.getName(), 9 - dog.getAge());
    }

    @InputConsumer(id = "generic", topic = "generic-dogs")
    @OutputProducer(topic = "generic-cats")
    public GenericRecord onGenericDog(GenericRecord dog) {
        called.add(dog.get("id").toString());
        GenericRecord cat = new GenericData.Record(AvroCat.getClassSchema());
        cat.put("id", dog.get("id"));
        cat.put("name", dog.get("name"));
        cat.put("lives", 9);
        return cat;
    }
}
