package io.kclient.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClientException;
import io.kclient.clients.TextHeaders;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each call completes once: with its reply, its remote error, its timeout, or the client's close. */
class PendingCallsTests {

    record Cat(String id) {
    }

    private static final Duration LONG = Duration.ofMinutes(1);

    private final PendingCalls pending = new PendingCalls();
    private final PayloadReader cats = new PayloadConverters(JsonMapper.builder().build()).readerFor(Cat.class);

    @AfterEach
    void tearDown() {
        pending.close();
    }

    @Test
    void aReplyCompletesItsCallAndNoOther() {
        CompletableFuture<Object> first = pending.register("c-1", "dogs", cats, LONG);
        CompletableFuture<Object> second = pending.register("c-2", "dogs", cats, LONG);

        pending.complete(reply("c-2", "{\"id\":\"d2\"}"));
        pending.complete(reply("someone-elses", "{\"id\":\"d9\"}"));

        assertThat(second).isCompletedWithValue(new Cat("d2"));
        assertThat(first).isNotDone();
        assertThat(pending.size()).isOne();
    }

    @Test
    void anErrorReplyIsARemoteHandlerException() {
        CompletableFuture<Object> call = pending.register("c-1", "dogs", cats, LONG);
        ConsumerRecord<byte[], byte[]> error = reply("c-1", null);
        TextHeaders.put(error.headers(), RpcHeaders.ERROR_CLASS, "java.lang.IllegalStateException");
        TextHeaders.put(error.headers(), RpcHeaders.ERROR_MESSAGE, "boom");

        pending.complete(error);

        assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteHandlerException.class, e -> {
                    assertThat(e.remoteExceptionClass()).isEqualTo("java.lang.IllegalStateException");
                    assertThat(e.remoteMessage()).isEqualTo("boom");
                    assertThat(e).hasMessage("The handler of topic 'dogs' failed: java.lang.IllegalStateException: boom");
                });
    }

    @Test
    void noReplyInTimeIsAnRpcTimeoutExceptionAndALateReplyIsIgnored() {
        CompletableFuture<Object> call = pending.register("c-1", "dogs", cats, Duration.ofMillis(50));

        assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOf(RpcTimeoutException.class).withMessageContaining("No reply within PT0.05S to request c-1");
        pending.complete(reply("c-1", "{\"id\":\"late\"}"));
        assertThat(pending.size()).isZero();
    }

    @Test
    void anUnreadableReplyFailsTheCallWithTheReason() {
        CompletableFuture<Object> call = pending.register("c-1", "dogs", cats, LONG);

        pending.complete(reply("c-1", "not a cat"));

        assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(KClientException.class)
                .withMessageContaining("Payload is not a valid");
    }

    @Test
    void closingFailsTheCallsStillWaiting() {
        CompletableFuture<Object> call = pending.register("c-1", "dogs", cats, LONG);

        pending.close();

        assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .withMessageContaining("closed before the reply to request c-1 came");
    }

    private static ConsumerRecord<byte[], byte[]> reply(String correlationId, String value) {
        RecordHeaders headers = new RecordHeaders();
        TextHeaders.put(headers, RpcHeaders.CORRELATION_ID, correlationId);
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("replies", 0, 0, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0,
                bytes == null ? 0 : bytes.length, null, bytes, headers, java.util.Optional.empty());
    }
}
