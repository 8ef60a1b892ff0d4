package io.kclient.protobuf.app;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.protobuf.test.ProtoCat;
import io.kclient.protobuf.test.ProtoDog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Generated messages in and out. */
@KafkaHandlers
public class ProtobufHandlers {

    /** The dogs the handler was called with: a poison pill never reaches it. */
    public final List<String> called = new CopyOnWriteArrayList<>();

    @InputConsumer(id = "protoDogs", topic = "proto-dogs")
    @OutputProducer(topic = "proto-cats")
    public ProtoCat onDog(ProtoDog dog) {
        called.add(dog.getId());
        return ProtoCat.newBuilder().setId(dog.getId()).setName(dog.getName()).setLives(9 - dog.getAge()).build();
    }
}
