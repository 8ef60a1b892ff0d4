package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.boot.autoconfigure.Animals.Dog;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A handler bean with an aspect (as {@code @Transactional} or {@code @Validated} give it) is a
 * CGLIB proxy: its handler and error handler methods are called through the proxy, so the aspect
 * runs on the bean itself; a method the proxy cannot override (private, final) fails the start
 * naming it and the fix, as Spring does for {@code @EventListener} and {@code @Scheduled} methods.
 */
class ProxiedHandlersTests {

    private final ApplicationContextRunner runner = MockKafkaClients.runner().withUserConfiguration(CountingAspect.class);

    @Test
    void aHandlerTheProxyOverridesRunsThroughTheAspectOnTheBeanItself() {
        runner.withBean("packagePrivateHandlers", PackagePrivateHandlers.class).run(context -> {
            PackagePrivateHandlers handlers = context.getBean(PackagePrivateHandlers.class);
            assertThat(AopUtils.isCglibProxy(handlers)).isTrue();

            context.getBean(MockKafkaClients.class).feed(context.getBean(KClientEndpointRegistry.class).getClient(), "dogs",
                    new ConsumerRecord<>("dogs", 0, 0, "1".getBytes(StandardCharsets.UTF_8),
                            "{\"id\":\"1\",\"dogName\":\"Rex\"}".getBytes(StandardCharsets.UTF_8)));

            await().atMost(Duration.ofSeconds(10)).until(() -> !handlers.dogs().isEmpty());
            assertThat(handlers.dogs()).containsExactly(new Dog("1", "Rex"));
            assertThat(context.getBean(HandlerCalls.class).count).as("calls through the aspect").hasValue(1);
        });
    }

    @Test
    void aPrivateHandlerOnAProxiedBeanFailsTheStartNamingTheFix() {
        runner.withBean("privateHandlers", PrivateHandlers.class).run(context -> assertThat(configurationError(context))
                .hasMessageContaining("bean 'privateHandlers' method onDog(Dog) is private")
                .hasMessageContaining("make it public and not final"));
    }

    @Test
    void aFinalHandlerOnAProxiedBeanFailsTheStartNamingTheFix() {
        runner.withBean("finalHandlers", FinalHandlers.class).run(context -> assertThat(configurationError(context))
                .hasMessageContaining("bean 'finalHandlers' method onDog(Dog) is final")
                .hasMessageContaining("make it public and not final"));
    }

    @Test
    void aPrivateErrorHandlerOnAProxiedBeanFailsTheStartNamingTheFix() {
        runner.withBean("privateErrorHandlers", PrivateErrorHandlers.class).run(context -> assertThat(configurationError(context))
                .hasMessageContaining("bean 'privateErrorHandlers' method onBadDog(IllegalArgumentException, Dog) is private"));
    }

    @Test
    void aPrivateHandlerOfABeanWithoutAProxyIsFine() {
        MockKafkaClients.runner().withBean("privateHandlers", PrivateHandlers.class).run(context ->
                assertThat(context.getBean(KClientEndpointRegistry.class).getClient().container("dogs")).isNotNull());
    }

    /** Proxies every bean whose name ends in "Handlers", as an aspect would, counting the handler calls that go through it. */
    @Configuration(proxyBeanMethods = false)
    static class CountingAspect {

        @Bean
        static BeanNameAutoProxyCreator handlersProxyCreator() {
            BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
            creator.setBeanNames("*Handlers");
            creator.setProxyTargetClass(true);
            creator.setInterceptorNames("handlerCalls");
            return creator;
        }

        @Bean
        HandlerCalls handlerCalls() {
            return new HandlerCalls();
        }
    }

    static class HandlerCalls implements MethodInterceptor {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (invocation.getMethod().isAnnotationPresent(InputConsumer.class)) {
                count.incrementAndGet();
            }
            return invocation.proceed();
        }
    }

    public static class PackagePrivateHandlers {

        /** Set by the constructor: on the proxy instance it is null. */
        private final List<Dog> dogs = new CopyOnWriteArrayList<>();

        @InputConsumer(id = "dogs", topics = "dogs")
        void onDog(Dog dog) {
            dogs.add(dog);
        }

        public List<Dog> dogs() {
            return dogs;
        }
    }

    public static class PrivateHandlers {

        @InputConsumer(id = "dogs", topics = "dogs")
        private void onDog(Dog dog) {
        }
    }

    public static class FinalHandlers {

        @InputConsumer(id = "dogs", topics = "dogs")
        public final void onDog(Dog dog) {
        }
    }

    public static class PrivateErrorHandlers {

        @InputConsumer(id = "dogs", topics = "dogs")
        public void onDog(Dog dog) {
        }

        @ErrorHandler(exception = IllegalArgumentException.class)
        private void onBadDog(IllegalArgumentException e, Dog dog) {
        }
    }
}
