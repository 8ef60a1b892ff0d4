package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.boot.autoconfigure.declared.conditional.ConditionalHandlers;
import io.kclient.boot.autoconfigure.declared.conditional.ConditionalHandlersConfiguration;
import io.kclient.boot.autoconfigure.declared.samename.SameNameConfiguration;
import io.kclient.boot.autoconfigure.declared.samename.SameNameHandlers;
import io.kclient.boot.autoconfigure.declared.subclass.BaseHandlers;
import io.kclient.boot.autoconfigure.declared.subclass.SubclassConfiguration;
import io.kclient.boot.autoconfigure.declared.switchedoff.SwitchedOffConfiguration;
import io.kclient.boot.autoconfigure.declared.switchedoff.SwitchedOffHandlers;
import io.kclient.boot.autoconfigure.declared.widertype.WiderTypeConfiguration;
import io.kclient.boot.autoconfigure.declared.widertype.WiderTypeHandlers;
import io.kclient.config.HandlerEndpoint;
import io.kclient.spring.config.KClientEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A {@code @KafkaHandlers} class of the application's packages is a handler bean once, however it
 * is declared, and never when its declaration is switched off: the package scan registers only
 * the classes nothing declares, switched on or off.
 */
class DeclaredHandlersTests {

    @Test
    void aClassDeclaredByAConditionalBeanMethodIsABeanOnlyWhenTheConditionHolds() {
        ApplicationContextRunner runner = scanning(ConditionalHandlers.class).withUserConfiguration(ConditionalHandlersConfiguration.class);
        runner.withPropertyValues("handlers.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ConditionalHandlers.class);
            assertThat(handlerIds(context)).isEmpty();
        });
        runner.withPropertyValues("handlers.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(ConditionalHandlers.class);
            assertThat(handlerIds(context)).containsExactly("conditional");
        });
    }

    @Test
    void aClassDeclaredInASwitchedOffConfigurationIsNoBean() {
        scanning(SwitchedOffHandlers.class).withUserConfiguration(SwitchedOffConfiguration.class)
                .withPropertyValues("handlers.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(SwitchedOffHandlers.class);
                    assertThat(handlerIds(context)).isEmpty();
                });
    }

    @Test
    void aBeanMethodNamedLikeTheClassDeclaresItWhateverItsReturnType() {
        scanning(SameNameHandlers.class).withUserConfiguration(SameNameConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(SameNameHandlers.class);
            assertThat(handlerIds(context)).containsExactly("sameName");
        });
    }

    @Test
    void aBeanMethodReturningASubclassDeclaresTheClass() {
        scanning(BaseHandlers.class).withUserConfiguration(SubclassConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(BaseHandlers.class);
            assertThat(handlerIds(context)).containsExactly("specialHandlers.onText");
        });
    }

    @Test
    void aBeanMethodOfAConfigurationLeftOutOfTheContextWithoutAConditionDeclaresNothing() {
        scanning(ConditionalHandlers.class).run(context -> { // as a test's @TestConfiguration that another test leaves out
            assertThat(context).hasSingleBean(ConditionalHandlers.class);
            assertThat(handlerIds(context)).containsExactly("conditional");
        });
    }

    @Test
    void aClassUndeclaredIsABeanOnce() {
        scanning(WiderTypeHandlers.class).run(context -> {
            assertThat(context).hasSingleBean(WiderTypeHandlers.class);
            assertThat(handlerIds(context)).containsExactly("widerType");
        });
    }

    @Test
    void aBeanMethodHidingTheClassBehindAnInterfaceFailsTheStartNamingBothBeansAndTheFix() {
        scanning(WiderTypeHandlers.class).withUserConfiguration(WiderTypeConfiguration.class).run(context ->
                assertThat(configurationError(context))
                        .hasMessageContaining(WiderTypeHandlers.class.getName() + " is a handler bean twice: 'notifier' and "
                                + "'widerTypeHandlers'")
                        .hasMessageContaining("declare " + WiderTypeHandlers.class.getSimpleName() + " as the return type"));
    }

    /** KClient's auto-configuration, with the package of {@code type} as the application's. */
    private static ApplicationContextRunner scanning(Class<?> type) {
        return MockKafkaClients.runner().withInitializer(context ->
                AutoConfigurationPackages.register((BeanDefinitionRegistry) context.getBeanFactory(), type.getPackageName()));
    }

    private static java.util.List<String> handlerIds(AssertableApplicationContext context) {
        return context.getBean(KClientEndpointRegistry.class).getEndpoints().stream().map(HandlerEndpoint::id).toList();
    }
}
