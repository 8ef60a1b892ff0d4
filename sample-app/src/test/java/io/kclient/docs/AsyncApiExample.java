package io.kclient.docs;

import io.kclient.asyncapi.KClientAsyncApi;
import java.nio.file.Path;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

@Component
public class AsyncApiExample {

    private final KClientAsyncApi asyncApi;

    public AsyncApiExample(KClientAsyncApi asyncApi) {
        this.asyncApi = asyncApi;
    }

    public void publish() {
        JsonNode document = asyncApi.document();           // the tree /actuator/asyncapi serves
        asyncApi.write(Path.of("target/asyncapi.json"));   // or as indented JSON text: asyncApi.json()
    }
}
