package io.kclient.boot.autoconfigure.embedded;

import io.kclient.boot.autoconfigure.KClientAutoConfiguration;
import io.kclient.boot.autoconfigure.KClientConnectionDetails;
import io.kclient.embedded.EmbeddedKafka;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.StringUtils;

/**
 * Starts a real Kafka broker in-process when {@code kclient-embedded-kafka} is on the class path
 * and no bootstrap servers are configured, and connects KClient to it. A local run or a test then
 * needs no Kafka installed; pointing the application at a cluster is one property.
 */
@AutoConfiguration(before = KClientAutoConfiguration.class)
@ConditionalOnClass(EmbeddedKafka.class)
@ConditionalOnProperty(prefix = "kclient.embedded", name = "enabled", matchIfMissing = true)
@Conditional(NoBootstrapServersCondition.class)
@EnableConfigurationProperties(EmbeddedKafkaProperties.class)
public class EmbeddedKafkaAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedKafka embeddedKafka(EmbeddedKafkaProperties properties) {
        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .port(properties.getPort())
                .dataDirectory(StringUtils.hasText(properties.getDataDir()) ? Path.of(properties.getDataDir()) : null)
                .build();
        kafka.start();
        return kafka;
    }

    @Bean
    @ConditionalOnMissingBean
    KClientConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafka kafka) {
        return kafka::bootstrapServers;
    }
}
