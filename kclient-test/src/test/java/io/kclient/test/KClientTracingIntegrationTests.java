package io.kclient.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import io.kclient.test.app.AnimalsHandler.Dog;
import io.kclient.test.app.TestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With Micrometer Tracing (Brave, W3C propagation) in the context, a trace started by the sender
 * of a record continues through the handler into the record it publishes. The context (and its
 * broker) is the one {@link KClientTestIntegrationTests} uses too, so this test finds its own
 * record by key and its spans by trace id.
 */
@KClientTest(classes = {TestApplication.class, BraveTracingConfiguration.class}, properties = "kclient.bootstrap-servers=unreachable:9092")
class KClientTracingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SENDER_SPAN_ID = "00f067aa0ba902b7";

    @Autowired
    KClientTestTemplate kafka;

    @Autowired
    List<MutableSpan> reportedSpans;

    @Test
    void theTraceIdOfTheInputArrivesOnTheOutput() {
        kafka.send("dogs", "traced", new Dog("traced", "Rex", 3), Map.of("traceparent", "00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01"));

        ConsumerRecord<byte[], byte[]> cat = awaitCatOf("traced");
        String traceparent = new String(cat.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").doesNotContain(SENDER_SPAN_ID);

        MutableSpan process = await().atMost(WAIT).until(() -> spanOfTheTrace("dogs process"), span -> span != null);
        assertThat(process.parentId()).as("a child of the sender's span").isEqualTo(SENDER_SPAN_ID);
        assertThat(process.tags()).containsEntry("kclient.handler", "animalsHandler.onDog");
        MutableSpan publish = await().atMost(WAIT).until(() -> spanOfTheTrace("cats publish"), span -> span != null);
        assertThat(publish.parentId()).as("a child of the handler's span").isEqualTo(process.id());
        assertThat(traceparent).as("the output continues from the publish span").contains(publish.id());
    }

    /** The next cat with this key: cats of other tests of the shared context may come first. */
    private ConsumerRecord<byte[], byte[]> awaitCatOf(String key) {
        while (true) {
            ConsumerRecord<byte[], byte[]> cat = kafka.awaitRecords("cats", 1, WAIT).get(0);
            if (key.equals(kafka.read(cat.key(), String.class))) {
                return cat;
            }
        }
    }

    /** The span of this name in the sender's trace, once reported. */
    private MutableSpan spanOfTheTrace(String name) {
        return reportedSpans.stream().filter(span -> TRACE_ID.equals(span.traceId()) && name.equals(span.name()))
                .findFirst().orElse(null);
    }
}
