package io.kclient.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerDefaultsTests {

    public void onDog(String dog) {
    }

    private HandlerEndpoint.Builder endpoint() throws NoSuchMethodException {
        return HandlerEndpoint.builder(this, getClass().getMethod("onDog", String.class)).id("dogs").topics("dogs");
    }

    @Test
    void groupComesFromTheHandlerThenItsPropertiesThenTheEngineThenTheId() throws Exception {
        HandlerDefaults engine = HandlerDefaults.DEFAULT.withGroupId("engine-group");
        assertThat(engine.resolve(endpoint().groupId("own").consumerProperties(Map.of("group.id", "file")).build()).groupId())
                .isEqualTo("own");
        assertThat(engine.resolve(endpoint().consumerProperties(Map.of("group.id", "file")).build()).groupId()).isEqualTo("file");
        assertThat(engine.resolve(endpoint().build()).groupId()).isEqualTo("engine-group");
        assertThat(HandlerDefaults.DEFAULT.resolve(endpoint().build()).groupId()).isEqualTo("dogs");
    }

    @Test
    void deadLetterTopicIsTheTopicWithTheSuffixUnlessNamed() throws Exception {
        assertThat(HandlerDefaults.DEFAULT.resolve(endpoint().build()).deadLetterTopicFor("dogs")).isEqualTo("dogs.DLT");
        assertThat(HandlerDefaults.DEFAULT.resolve(endpoint().deadLetterTopic("graveyard").build()).deadLetterTopicFor("dogs"))
                .isEqualTo("graveyard");
    }
}
