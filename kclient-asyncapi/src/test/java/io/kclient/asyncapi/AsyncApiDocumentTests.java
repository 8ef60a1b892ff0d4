package io.kclient.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document of {@link Kennel}'s handlers, built from the engine without a broker, against AsyncAPI's own schema. */
class AsyncApiDocumentTests {

    private static final String DOG_SCHEMA = "{\"type\":\"record\",\"name\":\"LegacyDog\",\"namespace\":\"legacy\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KClientAutoConfiguration.class,
                    AsyncApiAutoConfiguration.class))
            .withBean(Kennel.class)
            .withPropertyValues("kclient.auto-startup=false", "kclient.bootstrap-servers=localhost:9092,localhost:9093",
                    "spring.application.name=kennel", "kclient.handlers.legacy.format.avro.schema=" + DOG_SCHEMA);

    @Test
    void theDocumentIsAValidAsyncApi3Document() {
        runner.run(context -> assertThat(AsyncApiSchema.violations(document(context.getBean(KClientAsyncApi.class)))).isEmpty());
    }

    @Test
    void theSchemaCatchesWhatBreaksIt() {
        runner.run(context -> {
            tools.jackson.databind.node.ObjectNode broken = (tools.jackson.databind.node.ObjectNode) document(
                    context.getBean(KClientAsyncApi.class)).deepCopy();
            ((tools.jackson.databind.node.ObjectNode) broken.at("/operations/dogs.receive.dogs")).put("action", "consume");
            ((tools.jackson.databind.node.ObjectNode) broken.at("/channels/dogs/bindings/kafka")).put("partitions", "many");
            assertThat(AsyncApiSchema.violations(broken)).anySatisfy(violation -> assertThat(violation).contains("action"))
                    .anySatisfy(violation -> assertThat(violation).contains("partitions"));
        });
    }

    @Test
    void aTopicIsAChannelThatTheHandlerReceivesFromAndItsOutputOneItSendsTo() {
        runner.run(context -> {
            JsonNode document = document(context.getBean(KClientAsyncApi.class));
            assertThat(document.at("/info/title").asString()).isEqualTo("kennel");
            assertThat(document.at("/servers/kafka/host").asString()).isEqualTo("localhost:9092");
            assertThat(document.at("/servers/kafka-2/host").asString()).isEqualTo("localhost:9093");
            assertThat(document.at("/channels/dogs/address").asString()).isEqualTo("dogs");
            assertThat(document.at("/channels/dogs/bindings/kafka/topic").asString()).isEqualTo("dogs");
            JsonNode receive = document.at("/operations/dogs.receive.dogs");
            assertThat(receive.at("/action").asString()).isEqualTo("receive");
            assertThat(receive.at("/channel/$ref").asString()).isEqualTo("#/channels/dogs");
            assertThat(receive.at("/messages/0/$ref").asString()).isEqualTo("#/channels/dogs/messages/Dog");
            assertThat(receive.at("/bindings/kafka/groupId/enum/0").asString()).isEqualTo("dogs");
            assertThat(document.at("/operations/dogs.send.cats/action").asString()).isEqualTo("send");
            assertThat(document.at("/channels/cats/messages/Cat/payload/$ref").asString()).isEqualTo("#/components/schemas/Cat");
            assertThat(document.at("/channels/dogs/messages/Dog/bindings/kafka/key/type").asString()).isEqualTo("string");
            assertThat(names(document.at("/channels"))).contains("raw", "raw-too", "jobs", "ticks", "litters", "pedigrees");
            assertThat(document.at("/operations/jobs.receive.jobs/x-kclient-share-group").asBoolean()).isTrue();
        });
    }

    @Test
    void payloadSchemasComeFromTheDeclaredTypes() {
        runner.run(context -> {
            JsonNode document = document(context.getBean(KClientAsyncApi.class));
            JsonNode dog = document.at("/components/schemas/Dog");
            assertThat(names(dog.at("/properties"))).containsExactlyInAnyOrder("id", "name", "age", "owner");
            assertThat(dog.at("/required/0").asString()).isEqualTo("id");
            assertThat(dog.at("/properties/owner/$ref").asString()).isEqualTo("#/components/schemas/Owner");
            assertThat(document.at("/components/schemas/Cat/properties/toys/type").asString()).isEqualTo("array");
            assertThat(document.at("/channels/litters/messages/ListOfDog/payload/items/$ref").asString())
                    .isEqualTo("#/components/schemas/Dog");
            assertThat(document.at("/channels/pedigrees/messages/XmlDocument/contentType").asString()).isEqualTo("application/xml");
            assertThat(document.at("/channels/jobs/messages/Text/payload/type").asString()).isEqualTo("string");
            assertThat(document.at("/channels/raw/messages/Bytes/payload/format").asString()).isEqualTo("binary");
            JsonNode legacy = document.at("/channels/legacy-dogs/messages/GenericRecord");
            assertThat(legacy.at("/contentType").asString()).isEqualTo("avro/binary");
            assertThat(legacy.at("/payload/schemaFormat").asString()).isEqualTo("application/vnd.apache.avro+json;version=1.9.0");
            assertThat(legacy.at("/payload/schema/name").asString()).isEqualTo("LegacyDog");
            JsonNode tick = document.at("/channels/ticks/messages/Timestamp/payload");
            assertThat(tick.at("/schemaFormat").asString()).isEqualTo("application/vnd.google.protobuf;version=3");
            assertThat(tick.at("/schema").asString()).contains("message Timestamp {\n  int64 seconds = 1;\n  int32 nanos = 2;\n}");
        });
    }

    @Test
    void deadLetterRetryAndReplyTopicsAreChannelsWithTheHeadersKClientAdds() {
        runner.run(context -> {
            JsonNode document = document(context.getBean(KClientAsyncApi.class));
            assertThat(document.at("/channels/dogs.DLT/messages/Dog/headers/properties/kclient-dlt-exception-message/type").asString())
                    .isEqualTo("string");
            assertThat(document.at("/operations/dogs.deadLetter.dogs.DLT/action").asString()).isEqualTo("send");
            assertThat(document.at("/channels/dogs.retry-1/messages/Dog/headers/properties/kclient-retry-due").isMissingNode()).isFalse();
            assertThat(document.at("/operations/dogs.retry.dogs.retry-1/action").asString()).isEqualTo("send");
            assertThat(document.at("/operations/dogs.receive.dogs.retry-1/action").asString()).isEqualTo("receive");
            JsonNode reply = document.at("/operations/adoptions.receive.adoptions/reply");
            assertThat(reply.at("/address/location").asString()).isEqualTo("$message.header#/kclient_reply_topic");
            assertThat(reply.at("/channel/$ref").asString()).isEqualTo("#/channels/adoptions.replies");
            assertThat(document.at("/channels/adoptions.replies/address").isNull()).isTrue();
            assertThat(document.at("/channels/events.pattern/x-kclient-topic-pattern").asString()).isEqualTo("animals\\..*");
            assertThat(document.at("/channels/events.pattern/address").isNull()).isTrue();
            assertThat(document.at("/channels/events.pattern.DLT/address").isNull()).isTrue();
        });
    }

    @Test
    void theDocumentIsWrittenToAFileAndBacksOffWhenDisabled(@TempDir Path dir) {
        runner.run(context -> {
            Path file = dir.resolve("out/asyncapi.json");
            context.getBean(KClientAsyncApi.class).write(file);
            assertThat(JsonMapper.builder().build().readTree(Files.readString(file)).at("/asyncapi").asString()).isEqualTo("3.0.0");
        });
        runner.withPropertyValues("kclient.asyncapi.enabled=false").run(context -> assertThat(context).doesNotHaveBean(KClientAsyncApi.class));
    }

    @Test
    void theEndpointComesWithActuatorWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=asyncapi")
                .run(context -> assertThat(context.getBean(AsyncApiEndpoint.class).asyncApi().at("/asyncapi").asString()).isEqualTo("3.0.0"));
        runner.run(context -> assertThat(context).hasSingleBean(KClientAsyncApi.class).doesNotHaveBean(AsyncApiEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=asyncapi")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasSingleBean(KClientAsyncApi.class).doesNotHaveBean(AsyncApiEndpoint.class));
    }

    private static JsonNode document(KClientAsyncApi asyncApi) {
        return asyncApi.document();
    }

    private static List<String> names(JsonNode object) {
        return StreamSupport.stream(object.propertyNames().spliterator(), false).toList();
    }
}
