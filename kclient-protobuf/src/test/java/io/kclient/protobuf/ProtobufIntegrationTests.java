package io.kclient.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UnknownFieldSet;
import io.kclient.convert.PayloadConversionException;
import io.kclient.protobuf.app.ProtobufApplication;
import io.kclient.protobuf.app.ProtobufHandlers;
import io.kclient.protobuf.test.ProtoCat;
import io.kclient.protobuf.test.ProtoDog;
import io.kclient.test.KClientTest;
import io.kclient.test.KClientTestTemplate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Protobuf handlers of a Spring Boot application on the in-process broker: generated messages in
 * and out, and Protobuf poison pills (cut, of another type with unknown fields refused)
 * dead-lettered with their reason, unretried, while valid records flow.
 */
@KClientTest(classes = ProtobufApplication.class, properties = {
        "kclient.handlers.protoDogs.format.protobuf.unknown-fields=refuse",
        "kclient.defaults.retry.initial-backoff=30s"})
class ProtobufIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    KClientTestTemplate kafka;

    @Autowired
    ProtobufHandlers handlers;

    @Test
    void aGeneratedMessageInAGeneratedMessageOutKeyedLikeTheInput() {
        kafka.send("proto-dogs", "k1", ProtoDog.newBuilder().setId("d1").setName("Rex").setAge(3).build());

        ConsumerRecord<byte[], byte[]> cat = kafka.awaitRecords("proto-cats", 1, TIMEOUT).get(0);
        assertThat(kafka.read(cat.key(), String.class)).isEqualTo("k1");
        assertThat(kafka.read(cat.value(), ProtoCat.class))
                .isEqualTo(ProtoCat.newBuilder().setId("d1").setName("Rex").setLives(6).build());
    }

    @Test
    void cutAndForeignPayloadsGoStraightToTheDeadLetterTopicWithTheirReason() {
        byte[] dog = ProtoDog.newBuilder().setId("cut").setName("Cut").setAge(1).build().toByteArray();
        kafka.send("proto-dogs", "cut", Arrays.copyOf(dog, 6));
        kafka.send("proto-dogs", "other", ProtoCat.newBuilder().setId("c1").setName("Tom").setLives(9) // with a field 7 dogs lack
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(7, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
                .build());
        kafka.send("proto-dogs", "after", ProtoDog.newBuilder().setId("after").setName("Ace").setAge(2).build());

        // with a 30 s backoff, a retried pill would reach the dead-letter topic a minute and a half later
        assertThat(kafka.read(kafka.awaitRecords("proto-cats", 1, TIMEOUT).get(0).value(), ProtoCat.class).getId()).isEqualTo("after");
        Map<String, String> reasons = kafka.awaitRecords("proto-dogs.DLT", 2, Duration.ofSeconds(15)).stream().collect(Collectors.toMap(
                letter -> kafka.read(letter.key(), String.class),
                kafka::deadLetterReason));
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).startsWith(PayloadConversionException.class.getName()));
        assertThat(reasons.get("cut")).contains("truncated");
        assertThat(reasons.get("other")).contains("has fields io.kclient.protobuf.test.ProtoDog does not know");
        assertThat(handlers.called).doesNotContain("cut", "c1");
    }
}
