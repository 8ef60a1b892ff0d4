package io.kclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.Ordering;
import io.kclient.annotation.InputConsumer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a share-group handler may ask for, checked before anything connects. */
class ShareGroupEndpointTests {

    private final AnnotatedHandlerReader reader = new AnnotatedHandlerReader(value -> value);

    static class WorkQueue {
        @InputConsumer(topic = "jobs", shareGroup = true, concurrency = 16)
        public void onJob(String job) {
        }
    }

    static class ExactlyOnceQueue {
        @InputConsumer(topic = "jobs", shareGroup = true, delivery = Delivery.EXACTLY_ONCE)
        public void onJob(String job) {
        }
    }

    static class PatternQueue {
        @InputConsumer(topicPattern = "jobs-.*", shareGroup = true)
        public void onJob(String job) {
        }
    }

    static class OrderedQueue {
        @InputConsumer(topic = "jobs", shareGroup = true, ordering = Ordering.KEY)
        public void onJob(String job) {
        }
    }

    @Test
    void readsShareGroupAndRunsWithoutOrder() {
        HandlerEndpoint endpoint = single(new WorkQueue());
        assertThat(endpoint.settings().shareGroup()).isTrue();
        assertThat(endpoint.settings().resolve(HandlerSettings.NONE, endpoint.id(), endpoint.describe()).ordering())
                .as("not the default's").isEqualTo(Ordering.NONE);
        assertThat(endpoint.toBuilder().build().settings().shareGroup()).as("kept by toBuilder").isTrue();
    }

    @Test
    void refusesExactlyOnceNamingTheFix() {
        assertThatThrownBy(() -> single(new ExactlyOnceQueue())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'exactlyOnceQueue' method onJob(String)")
                .hasMessageContaining("exactly-once in a share group")
                .hasMessageContaining("remove delivery = EXACTLY_ONCE")
                .hasMessageContaining("kclient.handlers[exactlyOnceQueue.onJob].share-group=false");
    }

    @Test
    void refusesATopicPattern() {
        assertThatThrownBy(() -> single(new PatternQueue())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("topic pattern in a share group").hasMessageContaining("name the topics");
    }

    @Test
    void refusesAnOrdering() {
        assertThatThrownBy(() -> single(new OrderedQueue())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("ordering KEY in a share group").hasMessageContaining("remove the ordering");
    }

    private HandlerEndpoint single(Object bean) {
        List<HandlerEndpoint> endpoints = reader.read(bean, null, bean.getClass());
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }
}
