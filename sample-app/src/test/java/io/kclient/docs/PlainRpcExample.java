package io.kclient.docs;

import io.kclient.rpc.RpcClient;
import java.time.Duration;

class PlainRpcExample {

    Cat adopt(Dog dog) {
        try (RpcClient rpc = RpcClient.builder()
                .bootstrapServers("localhost:9092")
                .replyTopic("adoption-desk.replies.host-1")   // one per instance, stable across restarts
                .build()) {
            return rpc.call("adoptions", dog.id(), dog, Cat.class, Duration.ofSeconds(5));
        }
    }
}
