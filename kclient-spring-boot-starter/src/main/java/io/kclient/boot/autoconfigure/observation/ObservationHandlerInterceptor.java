package io.kclient.boot.autoconfigure.observation;

import io.kclient.clients.TextHeaders;
import io.kclient.handler.HandlerInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Observes each handler call with Micrometer: a {@value #PROCESS} observation whose context is
 * read from the input record's headers (so a tracer continues the sender's trace) and is current
 * while the handler runs, and a {@value #PUBLISH} child for every record the handler publishes,
 * which writes the context into that record's headers ({@code traceparent}, {@code b3}, ...,
 * as the registry's tracing propagator does). One trace thus spans a chain of handlers.
 */
public final class ObservationHandlerInterceptor implements HandlerInterceptor {

    /** The name of the observation of one handler call. */
    public static final String PROCESS = "kclient.process";
    /** The name of the observation of one record a handler publishes. */
    public static final String PUBLISH = "kclient.publish";

    private final ObservationRegistry registry;

    public ObservationHandlerInterceptor(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Invocation begin(String handlerId, ConsumerRecord<byte[], byte[]> record) {
        ReceiverContext<Headers> context = new ReceiverContext<>(TextHeaders::text);
        context.setCarrier(record.headers());
        context.setRemoteServiceName("kafka");
        Observation observation = Observation.createNotStarted(PROCESS, () -> context, registry)
                .contextualName(record.topic() + " process")
                .lowCardinalityKeyValue("kclient.handler", handlerId)
                .lowCardinalityKeyValue("messaging.system", "kafka")
                .lowCardinalityKeyValue("messaging.source.name", record.topic())
                .highCardinalityKeyValue("messaging.kafka.partition", String.valueOf(record.partition()))
                .highCardinalityKeyValue("messaging.kafka.offset", String.valueOf(record.offset()))
                .start();
        return new ObservedInvocation(observation, handlerId);
    }

    /** One observed call; its publish observations are its children. */
    private final class ObservedInvocation implements Invocation {

        private final Observation observation;
        private final String handlerId;

        ObservedInvocation(Observation observation, String handlerId) {
            this.observation = observation;
            this.handlerId = handlerId;
        }

        @Override
        public Scope makeCurrent() {
            Observation.Scope scope = observation.openScope();
            return scope::close;
        }

        /** Sending is asynchronous: the child only carries the context into the headers, it does not time the send. */
        @Override
        public void beforePublish(ProducerRecord<byte[], byte[]> output) {
            // put replaces: a header copied from the input must not carry the input's context on
            SenderContext<Headers> context = new SenderContext<>(TextHeaders::put);
            context.setCarrier(output.headers());
            context.setRemoteServiceName("kafka");
            Observation.createNotStarted(PUBLISH, () -> context, registry)
                    .parentObservation(observation)
                    .contextualName(output.topic() + " publish")
                    .lowCardinalityKeyValue("kclient.handler", handlerId)
                    .lowCardinalityKeyValue("messaging.system", "kafka")
                    .lowCardinalityKeyValue("messaging.destination.name", output.topic())
                    .start().stop();
        }

        @Override
        public void end(Throwable failure) {
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        }
    }
}
