/**
 * Annotation-driven handlers in a Spring context: {@link io.kclient.spring.annotation.EnableKClient}
 * for applications without Spring Boot, {@link io.kclient.spring.annotation.KafkaHandlersScan} to make
 * {@code @KafkaHandlers} classes beans without {@code @Component} (once, and only those the application
 * declares nowhere else), the check that handler beans are eager singletons, and the bean
 * post-processor that reads every bean's {@code @InputConsumer} methods into endpoints of the
 * {@link io.kclient.spring.config.KClientEndpointRegistry}.
 */
package io.kclient.spring.annotation;
