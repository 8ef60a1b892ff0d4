package io.kclient.test;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import io.kclient.test.app.AnimalsHandler.Dog;
import io.kclient.test.app.TestApplication;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With Micrometer Tracing (Brave, W3C propagation) in the context, a trace started by the sender
 * of a record continues through the handler into the record it publishes.
 */
@KClientTest(classes = {TestApplication.class, KClientTracingIntegrationTests.BraveTracing.class})
@DirtiesContext
class KClientTracingIntegrationTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SENDER_SPAN_ID = "00f067aa0ba902b7";

    @Autowired
    KClientTestTemplate kafka;

    @Autowired
    List<MutableSpan> reportedSpans;

    @Test
    void theTraceIdOfTheInputArrivesOnTheOutput() {
        kafka.send("dogs", "d1", new Dog("d1", "Rex", 3), Map.of("traceparent", "00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01"));

        ConsumerRecord<byte[], byte[]> cat = kafka.awaitRecords("cats", 1, Duration.ofSeconds(30)).get(0);
        String traceparent = new String(cat.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").doesNotContain(SENDER_SPAN_ID);

        MutableSpan process = reportedSpans.stream().filter(span -> "dogs process".equals(span.name())).findFirst().orElseThrow();
        assertThat(process.traceId()).isEqualTo(TRACE_ID);
        assertThat(process.parentId()).as("a child of the sender's span").isEqualTo(SENDER_SPAN_ID);
        assertThat(process.tags()).containsEntry("kclient.handler", "animalsHandler.onDog");
        MutableSpan publish = reportedSpans.stream().filter(span -> "cats publish".equals(span.name())).findFirst().orElseThrow();
        assertThat(publish.parentId()).as("a child of the handler's span").isEqualTo(process.id());
        assertThat(traceparent).as("the output continues from the publish span").contains(publish.id());
    }

    /** Brave behind Micrometer's observation handlers, as Spring Boot's tracing auto-configuration wires them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BraveTracing {

        @Bean
        List<MutableSpan> reportedSpans() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean(destroyMethod = "close")
        Tracing braveTracing(List<MutableSpan> reportedSpans) {
            return Tracing.newBuilder()
                    .currentTraceContext(ThreadLocalCurrentTraceContext.create())
                    .propagationFactory(new W3CPropagation())
                    .addSpanHandler(new SpanHandler() {
                        @Override
                        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                            reportedSpans.add(span);
                            return true;
                        }
                    })
                    .build();
        }

        @Bean
        ObservationRegistry observationRegistry(Tracing tracing) {
            BraveTracer tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
            BravePropagator propagator = new BravePropagator(tracing);
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new FirstMatchingCompositeObservationHandler(
                    new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                    new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                    new DefaultTracingObservationHandler(tracer)));
            return registry;
        }
    }
}
