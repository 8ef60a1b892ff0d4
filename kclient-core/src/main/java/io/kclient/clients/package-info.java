/**
 * The one factory of every Kafka client KClient makes ({@link io.kclient.clients.KafkaClientFactory}),
 * and what all of them share: how record headers carry text and how a refused login is reported.
 */
package io.kclient.clients;
