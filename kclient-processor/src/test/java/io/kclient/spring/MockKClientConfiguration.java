package io.kclient.spring;

import static org.mockito.Mockito.mock;

import io.kclient.KClient;
import io.kclient.spring.annotation.EnableKClient;
import io.kclient.spring.config.KClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code @EnableKClient} with a factory returning a mock engine: nothing connects, calls can be verified. */
@Configuration(proxyBeanMethods = false)
@EnableKClient
public class MockKClientConfiguration {

    @Bean(destroyMethod = "") // the registry closes it, not the context
    KClient kclient() {
        return mock(KClient.class);
    }

    @Bean
    KClientFactory kclientFactory(KClient kclient) {
        return endpoints -> kclient;
    }
}
