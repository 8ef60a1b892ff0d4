package io.kclient.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.test.app.AnimalsHandler.Cat;
import io.kclient.test.app.AnimalsHandler.Dog;
import io.kclient.test.app.TestApplication;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * {@code @KClientTest} against the handlers of a small application. Its configuration is
 * {@link KClientTracingIntegrationTests}'s, so both share one cached context and its one broker.
 */
@KClientTest(classes = {TestApplication.class, BraveTracingConfiguration.class}, properties = "kclient.bootstrap-servers=unreachable:9092")
class KClientTestIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    KClientTestTemplate kafka;

    @Autowired
    Environment environment;

    @Test
    void theHandlerRunsAgainstTheInProcessBrokerWhateverTheApplicationConfigures() {
        kafka.send("dogs", "d1", new Dog("d1", "Rex", 3));
        assertThat(kafka.awaitOutput("cats", Cat.class, TIMEOUT)).isEqualTo(new Cat("d1", "Rex", 3));
        assertThat(environment.getProperty("kclient.bootstrap-servers")).startsWith("localhost:").isNotEqualTo("unreachable:9092");
    }

    @Test
    void eachOutputIsReturnedOnceWithItsKeyAndHeaders() {
        kafka.send("dogs", "d2", "{\"id\":\"d2\",\"name\":\"Ace\",\"age\":1}");
        kafka.send("dogs", "d2", new Dog("d2", "Ace", 2));
        List<ConsumerRecord<byte[], byte[]>> cats = kafka.awaitRecords("cats", 2, TIMEOUT);
        assertThat(cats).extracting(cat -> kafka.read(cat.key(), String.class)).containsOnly("d2");
        assertThat(cats).extracting(cat -> kafka.read(cat.value(), Cat.class))
                .containsExactly(new Cat("d2", "Ace", 1), new Cat("d2", "Ace", 2));
        kafka.send("dogs", "d2", new Dog("d2", "Ace", 3)); // the sentinel: what comes next is it, not a cat returned before
        assertThat(kafka.awaitOutput("cats", Cat.class, TIMEOUT)).isEqualTo(new Cat("d2", "Ace", 3));
        assertThatThrownBy(() -> kafka.awaitRecords("cats", 1, Duration.ofMillis(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected 1 record(s) on 'cats'");
    }

    @Test
    void aTopicThatNeverAppearsFailsTheAwaitNamingIt() {
        assertThatThrownBy(() -> kafka.awaitOutput("no-such-topic", String.class, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("'no-such-topic' does not exist");
    }
}
