/**
 * Spring Boot auto-configuration of KClient: {@code kclient.*} properties, the engine's factory,
 * connection details, the handler post-processor and registry, and scanning of
 * {@code @KafkaHandlers} classes in the application's packages.
 */
package io.kclient.boot.autoconfigure;
