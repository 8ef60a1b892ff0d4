package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.docs.proto.ProtoCat;
import io.kclient.docs.proto.ProtoDog;

@KafkaHandlers
public class ProtobufExamples {

    @InputConsumer(topic = "proto-dogs")
    @OutputProducer(topic = "proto-cats")
    public ProtoCat onDog(ProtoDog dog) {                // classes protoc generated
        return ProtoCat.newBuilder().setId(dog.getId()).setName(dog.getName()).build();
    }
}
