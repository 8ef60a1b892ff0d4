package io.kclient.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.deadletter.RedriveRefusedException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/** Refusals that come before any broker is asked. */
class DeadLettersTests {

    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch mayFinish = new CountDownLatch(1);
    private final DeadLetters deadLetters = new DeadLetters(Map.of(
            "dogs", new DeadLetterSource("dogs", "dogs", List.of("dogs.DLT")),
            "pattern", new DeadLetterSource("pattern", "pattern", List.of())), RedriveSettings.DEFAULT, new RedriveClients() {
                @Override
                public Consumer<byte[], byte[]> reader(String groupId) {
                    reading.countDown();
                    try {
                        mayFinish.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("no broker here");
                }

                @Override
                public Producer<byte[], byte[]> transactionalProducer(String transactionalId) {
                    throw new IllegalStateException("no broker here");
                }
            }, Duration.ofSeconds(1));

    @Test
    void anUnknownHandlerIsRefusedNamingTheHandlersThereAre() {
        assertThatThrownBy(() -> deadLetters.list("cats", 10)).isInstanceOfSatisfying(RedriveRefusedException.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("No handler has id 'cats'").hasMessageContaining("[dogs, pattern]");
    }

    @Test
    void aPatternHandlerWithoutItsOwnDeadLetterTopicIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> deadLetters.redrive("pattern", RedriveSelection.all()))
                .hasMessageContaining("kclient.handlers.pattern.dead-letter-topic");
    }

    @Test
    void aPageIsBounded() {
        assertThatThrownBy(() -> deadLetters.list("dogs", RedriveSettings.MAX_PAGE + 1))
                .hasMessageContaining("limit must be between 1 and " + RedriveSettings.MAX_PAGE);
    }

    @Test
    void aSecondRedriveOfAHandlerWhileOneRunsIsRefused() throws Exception {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> deadLetters.redrive("dogs", RedriveSelection.all()));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> deadLetters.redrive("dogs", RedriveSelection.all()))
                .isInstanceOfSatisfying(RedriveRefusedException.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("A redrive of handler 'dogs' is running");
        mayFinish.countDown();
        assertThatThrownBy(first::join).hasRootCauseMessage("no broker here");
        assertThatThrownBy(() -> deadLetters.redrive("dogs", RedriveSelection.all())).as("the first one's end frees the handler")
                .isNotInstanceOf(RedriveRefusedException.class).hasMessage("no broker here");
    }
}
