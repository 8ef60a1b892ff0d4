package io.kclient.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.config.RetrySettings;
import io.kclient.convert.PayloadConversionException;
import io.kclient.observe.HandlerObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ShareDeliveryPolicyTests {

    private final List<Throwable> recovered = new ArrayList<>();
    private final List<String> observed = new ArrayList<>();
    private final HandlerObserver observer = new HandlerObserver() {
        @Override
        public void handled(String handlerId, String topic, Duration latency) {
            observed.add("handled");
        }

        @Override
        public void retried(String handlerId, String topic) {
            observed.add("retried");
        }

        @Override
        public void failed(String handlerId, String topic, Throwable failure) {
            observed.add("failed");
        }
    };
    private static final RetrySettings RETRY = new RetrySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    private CompletableFuture<Void> recovery = CompletableFuture.completedFuture(null);

    private ShareDeliveryPolicy policy(RecordHandler handler) {
        return new ShareDeliveryPolicy(handler, RETRY, failure -> !(failure instanceof PayloadConversionException), (record, failure) -> {
            recovered.add(failure);
            return recovery;
        }, new HandlerActivity("jobs", observer));
    }

    @Test
    void acceptsOnceTheOutputsWereAcknowledged() {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        var verdict = policy(record -> RecordOutcome.completedWhen(acknowledged)).handle(delivery(1)).toCompletableFuture();
        assertThat(verdict).isNotDone();
        acknowledged.complete(null);
        assertThat(verdict.join()).isEqualTo(ShareVerdict.ACCEPT);
        assertThat(observed).containsExactly("handled");
    }

    @Test
    void releasesAFailureWhileDeliveriesRemainAfterTheBackoffOfItsDelivery() {
        ShareDeliveryPolicy policy = policy(record -> { throw new IllegalStateException("down"); });
        assertThat(policy.handle(delivery(1)).toCompletableFuture().join())
                .isEqualTo(new ShareVerdict(AcknowledgeType.RELEASE, Duration.ofMillis(100)));
        assertThat(policy.handle(delivery(2)).toCompletableFuture().join())
                .isEqualTo(new ShareVerdict(AcknowledgeType.RELEASE, Duration.ofMillis(200)));
        assertThat(recovered).isEmpty();
        assertThat(observed).containsExactly("retried", "retried");
    }

    @Test
    void recoversAndRejectsAtTheLastDelivery() {
        IllegalStateException down = new IllegalStateException("down");
        assertThat(policy(record -> RecordOutcome.failed(down)).handle(delivery(3)).toCompletableFuture().join())
                .isEqualTo(ShareVerdict.REJECT);
        assertThat(recovered).containsExactly(down);
        assertThat(observed).containsExactly("failed");
    }

    @Test
    void recoversAndRejectsAPoisonPillAtOnce() {
        PayloadConversionException unreadable = new PayloadConversionException("not json", null);
        assertThat(policy(record -> RecordOutcome.failed(unreadable)).handle(delivery(1)).toCompletableFuture().join())
                .isEqualTo(ShareVerdict.REJECT);
        assertThat(recovered).containsExactly(unreadable);
    }

    @Test
    void releasesARecordWhoseDeadLetterFailedSoItsNextDeliveryRecoversIt() {
        recovery = CompletableFuture.failedFuture(new IllegalStateException("dead-letter topic not writable"));
        assertThat(policy(record -> RecordOutcome.failed(new IllegalStateException("down"))).handle(delivery(3))
                .toCompletableFuture().join()).isEqualTo(new ShareVerdict(AcknowledgeType.RELEASE, Duration.ofMillis(400)));
    }

    private static ConsumerRecord<byte[], byte[]> delivery(int count) {
        return new ConsumerRecord<>("jobs", 0, 7, 0L, TimestampType.CREATE_TIME, 0, 0, new byte[0], new byte[0],
                new RecordHeaders(), Optional.empty(), Optional.of((short) count));
    }
}
