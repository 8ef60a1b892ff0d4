package io.kclient.handler;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Supplies one method parameter from the record being handled (and, for error handlers, its failure). */
@FunctionalInterface
interface ArgumentResolver {

    Object resolve(ConsumerRecord<byte[], byte[]> record, Throwable failure);
}
