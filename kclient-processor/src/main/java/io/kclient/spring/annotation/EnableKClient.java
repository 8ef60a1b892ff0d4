package io.kclient.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Turns the {@code @InputConsumer} methods of the context's beans into Kafka handlers, in an
 * application without Spring Boot (the starter needs no annotation). The application supplies a
 * {@link io.kclient.spring.config.KClientFactory} bean that builds the engine:
 *
 * <pre>{@code
 * @Configuration
 * @EnableKClient
 * @KafkaHandlersScan("com.example.handlers")   // optional: @KafkaHandlers classes without @Component
 * class KafkaConfig {
 *
 *     @Bean
 *     KClientFactory kclientFactory() {
 *         return endpoints -> {
 *             KClient.Builder builder = KClient.builder().bootstrapServers("localhost:9092");
 *             endpoints.forEach(builder::endpoint);
 *             return builder.build();
 *         };
 *     }
 * }
 * }</pre>
 *
 * @see KClientBootstrapConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(KClientBootstrapConfiguration.class)
public @interface EnableKClient {
}
