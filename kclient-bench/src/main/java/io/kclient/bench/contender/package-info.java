/**
 * The contenders: a hand-written consume-convert-produce loop (the ceiling), KClient in each
 * ordering mode, Spring for Apache Kafka with Boot-like defaults, and Confluent Parallel Consumer.
 * Each gets the same input, work and concurrency, and a consumer group and output topic of its own.
 */
package io.kclient.bench.contender;
