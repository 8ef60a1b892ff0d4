package io.kclient.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.avro.app.AvroApplication;
import io.kclient.avro.app.AvroHandlers;
import io.kclient.avro.test.AvroCat;
import io.kclient.avro.test.AvroDog;
import io.kclient.convert.PayloadConversionException;
import io.kclient.test.KClientTest;
import io.kclient.test.KClientTestTemplate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Avro handlers of a Spring Boot application on the in-process broker: generated classes in and
 * out in single-object encoding, generic records in bare binary with the schema a property names,
 * and Avro poison pills dead-lettered with their reason, unretried, while valid records flow.
 */
@KClientTest(classes = AvroApplication.class, properties = {
        "kclient.handlers.generic.format.avro.encoding=binary",
        "kclient.handlers.generic.format.avro.schema=classpath:avro/dogs.avsc",
        "kclient.defaults.retry.initial-backoff=30s"})
class AvroIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AvroDog REX = AvroDog.newBuilder().setId("d1").setName("Rex").setAge(3).build();

    @Autowired
    KClientTestTemplate kafka;

    @Autowired
    AvroHandlers handlers;

    @Test
    void aGeneratedClassInAGeneratedClassOutKeyedLikeTheInput() {
        kafka.send("avro-dogs", "k1", REX);

        ConsumerRecord<byte[], byte[]> cat = kafka.awaitRecords("avro-cats", 1, TIMEOUT).get(0);
        assertThat(kafka.read(cat.key(), String.class)).isEqualTo("k1");
        assertThat(kafka.read(cat.value(), AvroCat.class)).isEqualTo(new AvroCat("d1", "Rex", 6));
        assertThat(cat.value()).startsWith(0xC3, 0x01);
    }

    @Test
    void aGenericRecordInBareBinaryWithTheSchemaOfAProperty() {
        byte[] bare = Arrays.copyOfRange(kafka.write(REX), 10, kafka.write(REX).length); // the record without its header
        kafka.send("generic-dogs", "k2", bare);

        byte[] cat = kafka.awaitRecords("generic-cats", 1, TIMEOUT).get(0).value();
        GenericRecord expected = new GenericData.Record(AvroCat.getClassSchema());
        expected.put("id", "d1");
        expected.put("name", "Rex");
        expected.put("lives", 9);
        assertThat(cat).isEqualTo(Arrays.copyOfRange(kafka.write(expected), 10, kafka.write(expected).length));
    }

    @Test
    void truncatedJsonAndWrongSchemaPayloadsGoStraightToTheDeadLetterTopicWithTheirReason() {
        byte[] dog = kafka.write(AvroDog.newBuilder().setId("cut").setName("Cut").setAge(1).build());
        kafka.send("avro-dogs", "truncated", Arrays.copyOf(dog, dog.length - 2));
        kafka.send("avro-dogs", "json", "{\"id\":\"d9\",\"name\":\"Jay\",\"age\":1}");
        kafka.send("avro-dogs", "cat", new AvroCat("c1", "Tom", 9));
        kafka.send("avro-dogs", "after", AvroDog.newBuilder().setId("after").setName("Ace").setAge(2).build());

        // with a 30 s backoff, a retried pill would reach the dead-letter topic a minute and a half later
        assertThat(kafka.read(kafka.awaitRecords("avro-cats", 1, TIMEOUT).get(0).value(), AvroCat.class).getId()).isEqualTo("after");
        Map<String, String> reasons = kafka.awaitRecords("avro-dogs.DLT", 3, Duration.ofSeconds(15)).stream().collect(Collectors.toMap(
                letter -> kafka.read(letter.key(), String.class),
                kafka::deadLetterReason));
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).startsWith(PayloadConversionException.class.getName()));
        assertThat(reasons.get("truncated")).contains("single-object encoding");
        assertThat(reasons.get("json")).contains("does not start with the single-object marker C3 01");
        assertThat(reasons.get("cat")).contains("written with the schema of fingerprint");
        assertThat(handlers.called).doesNotContain("cut", "d9", "c1");
    }
}
