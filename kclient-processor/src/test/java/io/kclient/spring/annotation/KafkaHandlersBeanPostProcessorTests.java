package io.kclient.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClientConfigurationException;
import io.kclient.annotation.InputConsumer;
import io.kclient.config.HandlerEndpoint;
import io.kclient.spring.Dog;
import io.kclient.spring.MockKClientConfiguration;
import io.kclient.spring.config.KClientEndpointRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

class KafkaHandlersBeanPostProcessorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(MockKClientConfiguration.class);

    @Test
    void readsTheHandlersOfAComponent() {
        runner.withBean("dogHandlers", DogHandlers.class).run(context -> {
            HandlerEndpoint endpoint = single(context.getBean(KClientEndpointRegistry.class));
            assertThat(endpoint.bean()).isSameAs(context.getBean(DogHandlers.class));
            assertThat(endpoint.beanName()).isEqualTo("dogHandlers");
            assertThat(endpoint.method().getName()).isEqualTo("onDog");
            assertThat(endpoint.settings().topics()).containsExactly("dogs");
        });
    }

    @Test
    void resolvesPlaceholdersAgainstTheEnvironment() {
        runner.withPropertyValues("test.topic=dogs-from-env").withBean("placeholderHandlers", PlaceholderHandlers.class)
                .run(context -> assertThat(single(context.getBean(KClientEndpointRegistry.class)).settings().topics())
                        .containsExactly("dogs-from-env"));
    }

    @Test
    void anUnresolvablePlaceholderFailsTheStartNamingIt() {
        runner.withBean("placeholderHandlers", PlaceholderHandlers.class).run(context -> assertThat(context).getFailure()
                .isInstanceOf(BeanCreationException.class).cause().hasMessageContaining("Could not resolve placeholder 'test.topic'"));
    }

    @Test
    void anInvalidHandlerFailsTheStartNamingBeanAndMethod() {
        runner.withBean("badHandlers", BadHandlers.class).run(context -> assertThat(context).getFailure()
                .isInstanceOf(BeanCreationException.class).cause().isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'badHandlers' method onDog(Dog)").hasMessageContaining("concurrency"));
    }

    @Test
    void callsAProxiedHandlerThroughItsProxy() {
        runner.withUserConfiguration(ProxyingConfiguration.class).withBean("dogHandlers", DogHandlers.class).run(context -> {
            HandlerEndpoint endpoint = single(context.getBean(KClientEndpointRegistry.class));
            assertThat(AopUtils.isCglibProxy(endpoint.bean())).isTrue();
            assertThat(endpoint.method().getDeclaringClass()).isEqualTo(DogHandlers.class);

            endpoint.method().invoke(endpoint.bean(), new Dog("1", "Rex"));
            assertThat(context.getBean(DogHandlers.class).received()).containsExactly(new Dog("1", "Rex"));
            assertThat(ProxyingConfiguration.intercepted).as("onDog, then received()").hasValue(2);
        });
    }

    private static HandlerEndpoint single(KClientEndpointRegistry registry) {
        assertThat(registry.getEndpoints()).hasSize(1);
        return registry.getEndpoints().get(0);
    }

    public static class DogHandlers {

        private final List<Dog> received = new CopyOnWriteArrayList<>();

        public List<Dog> received() {
            return received;
        }

        @InputConsumer(topics = "dogs")
        public void onDog(Dog dog) {
            received.add(dog);
        }
    }

    public static class PlaceholderHandlers {

        @InputConsumer(topics = "${test.topic}")
        public void onDog(Dog dog) {
        }
    }

    public static class BadHandlers {

        @InputConsumer(topics = "dogs", minThreadNum = 1, maxThreadNum = 8) // KClient 1's elastic pool
        public void onDog(Dog dog) {
        }
    }

    /** Proxies every DogHandlers bean by its class, as transactions or security would, before KClient sees it. */
    @Configuration(proxyBeanMethods = false)
    static class ProxyingConfiguration {

        static final AtomicInteger intercepted = new AtomicInteger();

        @Bean // returns the class, so that Spring sees it is Ordered, as Spring's own proxy creators are
        static ProxyingPostProcessor proxyingPostProcessor() {
            intercepted.set(0);
            return new ProxyingPostProcessor();
        }
    }

    static class ProxyingPostProcessor implements BeanPostProcessor, Ordered {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof DogHandlers)) {
                return bean;
            }
            ProxyFactory proxyFactory = new ProxyFactory(bean);
            proxyFactory.setProxyTargetClass(true);
            proxyFactory.addAdvice((MethodInterceptor) invocation -> {
                ProxyingConfiguration.intercepted.incrementAndGet();
                return invocation.proceed();
            });
            return proxyFactory.getProxy();
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }
}
