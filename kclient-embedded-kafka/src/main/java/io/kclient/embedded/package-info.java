/**
 * A real Apache Kafka broker (KRaft mode, 1 to N nodes) started inside the JVM, for the sample
 * application, integration tests, benchmarks and failure tests. Start with
 * {@link io.kclient.embedded.EmbeddedKafka#builder()}.
 *
 * <p>No Spring and no Docker: the nodes are Kafka's own server classes from the
 * {@code kafka_2.13} jar, wired as {@code kafka-server-start.sh} wires them.
 */
package io.kclient.embedded;
