package io.kclient.spring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.kclient.KClient;
import io.kclient.KClientConfigurationException;
import io.kclient.annotation.InputConsumer;
import io.kclient.config.HandlerEndpoint;
import io.kclient.spring.Dog;
import io.kclient.spring.MockKClientConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KClientEndpointRegistryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(MockKClientConfiguration.class).withBean("dogHandlers", DogHandlers.class);

    @Test
    void startsTheEngineWithTheContextAndStopsThenClosesItWithIt() {
        runner.run(context -> {
            KClient kclient = context.getBean(KClient.class);
            KClientEndpointRegistry registry = context.getBean(KClientEndpointRegistry.class);
            assertThat(registry.getClient()).isSameAs(kclient);
            assertThat(registry.getPhase()).isEqualTo(KClientEndpointRegistry.DEFAULT_PHASE);
            assertThat(registry.isRunning()).isTrue();
            verify(kclient).start();

            context.close();
            InOrder order = inOrder(kclient);
            order.verify(kclient).stop();
            order.verify(kclient).close();
            assertThat(registry.isRunning()).isFalse();
        });
    }

    @Test
    void buildsTheEngineFromEveryEndpointOnceSingletonsExist() throws Exception {
        KClient kclient = mock(KClient.class);
        List<List<HandlerEndpoint>> built = new ArrayList<>();
        KClientEndpointRegistry registry = new KClientEndpointRegistry(endpoints -> {
            built.add(endpoints);
            return kclient;
        });
        HandlerEndpoint endpoint = HandlerEndpoint.builder(new DogHandlers(), DogHandlers.class.getMethod("onDog", Dog.class))
                .beanName("dogHandlers").topics("dogs").build();
        registry.register(List.of(endpoint));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(registry::getClient);

        registry.afterSingletonsInstantiated();
        assertThat(built).containsExactly(List.of(endpoint));
        assertThatExceptionOfType(KClientConfigurationException.class)
                .isThrownBy(() -> registry.register(List.of(endpoint)))
                .withMessageContaining("bean 'dogHandlers' method onDog(Dog)").withMessageContaining("non-lazy singleton");
        verify(kclient, never()).start();
    }

    public static class DogHandlers {

        @InputConsumer(topics = "dogs")
        public void onDog(Dog dog) {
        }
    }
}
