package io.kclient.asyncapi;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/asyncapi}: the AsyncAPI 3 document of the application's handlers. Exposed like
 * any endpoint: {@code management.endpoints.web.exposure.include=asyncapi}.
 */
@Endpoint(id = "asyncapi")
public class AsyncApiEndpoint {

    private final KClientAsyncApi asyncApi;

    public AsyncApiEndpoint(KClientAsyncApi asyncApi) {
        this.asyncApi = asyncApi;
    }

    @ReadOperation
    public JsonNode asyncApi() {
        return asyncApi.document();
    }
}
