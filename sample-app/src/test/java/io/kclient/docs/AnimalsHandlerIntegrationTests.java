package io.kclient.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.sample.SampleApplication;
import io.kclient.test.KClientTest;
import io.kclient.test.KClientTestTemplate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

// docs/testing.md. A broker of its own, not the test JVM's shared one: @KClientTest starts one per application context
@KClientTest(classes = SampleApplication.class)
class AnimalsHandlerIntegrationTests {

    @Autowired
    KClientTestTemplate kafka;

    @Test
    void turnsADogIntoACat() {
        kafka.send("dogs", "d1", new Dog("d1", "Rex", 3));

        Cat cat = kafka.awaitOutput("cats", Cat.class, Duration.ofSeconds(30));
        assertThat(cat).isEqualTo(new Cat("d1", "Rex", 3));
    }
}
