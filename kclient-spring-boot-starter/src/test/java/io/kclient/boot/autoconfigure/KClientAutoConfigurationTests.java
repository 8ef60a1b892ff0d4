package io.kclient.boot.autoconfigure;

import static io.kclient.boot.autoconfigure.StartupFailures.configurationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.kclient.KClient;
import io.kclient.rpc.RpcClient;
import io.kclient.annotation.InputConsumer;
import io.kclient.boot.autoconfigure.Animals.Dog;
import io.kclient.boot.autoconfigure.app.PackagedHandlers;
import io.kclient.boot.autoconfigure.app.TestApplication;
import io.kclient.spring.annotation.KafkaHandlersBeanPostProcessor;
import io.kclient.spring.config.KClientEndpointRegistry;
import io.kclient.spring.config.KClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** What the auto-configuration contributes, and when it backs off. No broker: engines are built, never started. */
class KClientAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, KClientAutoConfiguration.class))
            .withUserConfiguration(MockKafkaClients.class)
            .withBean("animals", Animals.class)
            .withPropertyValues("kclient.auto-startup=false", "kclient.bootstrap-servers=kclient-host:9092");

    @Test
    void runsTheHandlersOfTheContext() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(KafkaHandlersBeanPostProcessor.class).hasSingleBean(KClientFactory.class);
            KClientEndpointRegistry registry = context.getBean(KClientEndpointRegistry.class);
            assertThat(registry.getClient().containers()).extracting(container -> container.id()).containsExactlyInAnyOrder("dogs", "cats");
            assertThat(registry.isAutoStartup()).isFalse();
        });
    }

    @Test
    void providesAnRpcClientWithTheConfiguredReplyTopicClosedWithTheContext() {
        RpcClient[] closed = new RpcClient[1];
        runner.withPropertyValues("kclient.rpc.reply-topic=replies.instance-1").run(context -> {
            assertThat(context).hasSingleBean(RpcClient.class);
            closed[0] = context.getBean(RpcClient.class);
            assertThat(closed[0].replyTopic()).isEqualTo("replies.instance-1");
        });
        assertThat(closed[0].cast("dogs", "k", "{}")).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().withMessageContaining("The RpcClient is closed");
    }

    @Test
    void anInvalidReplyTopicFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("kclient.rpc.reply-topic=replies for me").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("Reply topic 'replies for me' (kclient.rpc.reply-topic").hasMessageContaining("not a valid topic name"));
    }

    @Test
    void theUsersRpcClientWins() {
        RpcClient own = RpcClient.builder().bootstrapServers("elsewhere:9092").replyTopic("own").build();
        runner.withBean(RpcClient.class, () -> own).run(context -> assertThat(context.getBean(RpcClient.class)).isSameAs(own));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("kclient.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(KClientEndpointRegistry.class).doesNotHaveBean(KafkaHandlersBeanPostProcessor.class)
                .doesNotHaveBean(KClientFactory.class).doesNotHaveBean(KClientProperties.class));
    }

    @Test
    void backsOffWithoutKClient() {
        runner.withClassLoader(new FilteredClassLoader(KClient.class)).run(context -> assertThat(context)
                .doesNotHaveBean(KClientEndpointRegistry.class).doesNotHaveBean(KClientFactory.class));
    }

    @Test
    void connectsToKClientBootstrapServersBeforeSpringKafkas() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=spring-host:9092").run(context -> {
            assertThat(context.getBean(KClientConnectionDetails.class).getBootstrapServers()).isEqualTo("kclient-host:9092");
            assertThat(context.getBean(MockKafkaClients.class).producerConfigs)
                    .allSatisfy(config -> assertThat(config).containsEntry("bootstrap.servers", "kclient-host:9092"));
        });
    }

    @Test
    void fallsBackOnSpringKafkaBootstrapServers() {
        runner.withPropertyValues("kclient.bootstrap-servers=", "spring.kafka.bootstrap-servers=a:9092,b:9092")
                .run(context -> assertThat(context.getBean(KClientConnectionDetails.class).getBootstrapServers())
                        .isEqualTo("a:9092,b:9092"));
    }

    @Test
    void aConnectionDetailsBeanWins() {
        runner.withBean(KClientConnectionDetails.class, () -> () -> "embedded:9092").run(context -> {
            assertThat(context).hasSingleBean(KClientConnectionDetails.class);
            assertThat(context.getBean(MockKafkaClients.class).producerConfigs)
                    .allSatisfy(config -> assertThat(config).containsEntry("bootstrap.servers", "embedded:9092"));
        });
    }

    @Test
    void noBootstrapServersFailTheStart() {
        runner.withPropertyValues("kclient.bootstrap-servers=").run(context -> assertThat(configurationError(context))
                .hasMessageContaining("No Kafka bootstrap servers: set kclient.bootstrap-servers"));
    }

    @Test
    void aHandlerTheEngineCannotCallFailsTheStartNamingBeanAndMethod() {
        runner.withBean("badHandlers", BadHandlers.class).run(context -> assertThat(configurationError(context))
                .hasMessageContaining("bean 'badHandlers' method noPayload()"));
    }

    @Test
    void theUsersFactoryWins() {
        KClient kclient = mock(KClient.class);
        runner.withBean("myFactory", KClientFactory.class, () -> endpoints -> kclient).run(context -> {
            assertThat(context.getBean(KClientFactory.class)).isSameAs(context.getBean("myFactory"));
            assertThat(context.getBean(KClientEndpointRegistry.class).getClient()).isSameAs(kclient);
        });
    }

    @Test
    void kafkaHandlersClassesOfTheApplicationsPackagesNeedNoComponent() {
        runner.withUserConfiguration(TestApplication.class).run(context -> {
            assertThat(context).hasSingleBean(PackagedHandlers.class);
            assertThat(context.getBean(KClientEndpointRegistry.class).getClient().container("packaged")).isNotNull();
        });
    }

    @Test
    void convertsPayloadsWithTheContextsJsonMapper() {
        runner.withUserConfiguration(SnakeCaseJackson.class).run(context -> {
            context.getBean(MockKafkaClients.class).feed(context.getBean(KClientEndpointRegistry.class).getClient(), "dogs",
                    new ConsumerRecord<>("dogs", 0, 0, "1".getBytes(StandardCharsets.UTF_8),
                            "{\"id\":\"1\",\"dog_name\":\"Rex\"}".getBytes(StandardCharsets.UTF_8)));

            Animals animals = context.getBean(Animals.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !animals.dogs().isEmpty());
            assertThat(animals.dogs()).containsExactly(new Dog("1", "Rex"));
        });
    }

    public static class BadHandlers {

        @InputConsumer(topics = "dogs")
        public void noPayload() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SnakeCaseJackson {

        @Bean
        JsonMapper snakeCaseJsonMapper() {
            return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        }
    }
}
