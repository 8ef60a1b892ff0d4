package io.kclient.boot.autoconfigure;

/**
 * Where KClient's clients connect. The starter backs it with {@code kclient.bootstrap-servers};
 * a bean of this type (for example one exposed by an in-process broker or a test container)
 * takes precedence, in the manner of Spring Boot's {@code ConnectionDetails}.
 */
@FunctionalInterface
public interface KClientConnectionDetails {

    /** Comma-separated {@code host:port} list, as Kafka's {@code bootstrap.servers}. */
    String getBootstrapServers();
}
