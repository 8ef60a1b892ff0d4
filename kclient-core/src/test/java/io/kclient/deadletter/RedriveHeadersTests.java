package io.kclient.deadletter;

import static io.kclient.clients.TextHeaders.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.listener.DeadLetterPublisher;
import io.kclient.listener.RetryHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RedriveHeadersTests {

    @Test
    void aRedrivenRecordKeepsItsOwnHeadersLosesTheDeadLettersAndCountsItsRedrives() {
        Headers headers = new RecordHeaders();
        headers.add("traceparent", bytes("00-abc-def-01"));
        headers.add(DeadLetterPublisher.EXCEPTION_CLASS, bytes("java.net.ConnectException"));
        headers.add(DeadLetterPublisher.EXCEPTION_STACKTRACE, bytes("at ..."));
        headers.add(RetryHeaders.ATTEMPT, bytes("2"));
        headers.add(RedriveHeaders.COUNT, bytes("1"));
        ConsumerRecord<byte[], byte[]> deadLetter = new ConsumerRecord<>("dogs.DLT", 1, 17, 0L, TimestampType.CREATE_TIME, 0, 0,
                null, bytes("{}"), headers, Optional.empty());

        Headers redriven = RedriveHeaders.forRedrive(deadLetter, 1234L);

        assertThat(text(redriven, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(text(redriven, DeadLetterPublisher.EXCEPTION_CLASS)).isNull();
        assertThat(text(redriven, DeadLetterPublisher.EXCEPTION_STACKTRACE)).isNull();
        assertThat(text(redriven, RetryHeaders.ATTEMPT)).isNull();
        assertThat(text(redriven, RedriveHeaders.COUNT)).isEqualTo("2");
        assertThat(text(redriven, RedriveHeaders.DEAD_LETTER)).isEqualTo("dogs.DLT-1@17");
        assertThat(text(redriven, RedriveHeaders.FAILURE)).isEqualTo("java.net.ConnectException");
        assertThat(text(redriven, RedriveHeaders.AT)).isEqualTo("1234");
    }

    @Test
    void aMissingOrMalformedCountIsZero() {
        assertThat(RedriveHeaders.count(new RecordHeaders())).isZero();
        Headers malformed = new RecordHeaders();
        malformed.add(RedriveHeaders.COUNT, bytes("two"));
        assertThat(RedriveHeaders.count(malformed)).isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
