package io.kclient.test;

import io.kclient.embedded.EmbeddedKafka;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts a broker (free port, temporary data) before the context is refreshed, points
 * {@code kclient.bootstrap-servers} at it, and registers it and a {@link KClientTestTemplate} as
 * beans. Registered before any of the application's beans, they are created first and destroyed
 * last: the handlers stop, flush and commit while the broker still runs.
 */
final class KClientTestContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "kclientTest";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        if (!(context instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException("@KClientTest needs a context that takes bean definitions, not a "
                    + context.getClass().getName());
        }
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        kafka.start();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "kclient.bootstrap-servers", kafka.bootstrapServers(),
                "kclient.embedded.enabled", "false")));
        registry.registerBeanDefinition("kclientTestKafka", closing(EmbeddedKafka.class, () -> kafka));
        registry.registerBeanDefinition("kclientTestTemplate", closing(KClientTestTemplate.class, () -> new KClientTestTemplate(
                kafka.bootstrapServers(), context.getBeanProvider(JsonMapper.class).getIfAvailable(() -> JsonMapper.builder().build()))));
    }

    private static <T> RootBeanDefinition closing(Class<T> type, Supplier<T> instance) {
        RootBeanDefinition definition = new RootBeanDefinition(type, instance);
        definition.setDestroyMethodName("close");
        return definition;
    }

    /** One broker per context, so every {@link KClientTest} class with the same configuration shares a cached context. */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
