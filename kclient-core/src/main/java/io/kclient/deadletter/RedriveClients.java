package io.kclient.deadletter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients a redrive uses, connected as the engine's handlers are (servers, security).
 * Each is made for one listing or redrive and closed by it.
 */
public interface RedriveClients {

    /**
     * A consumer of dead letters: committed records only, no automatic commits, assigned (never
     * subscribed); in group {@code groupId}, whose committed offsets are the redrive's position.
     */
    Consumer<byte[], byte[]> reader(String groupId);

    /** A transactional producer of its own, with this {@code transactional.id}. */
    Producer<byte[], byte[]> transactionalProducer(String transactionalId);
}
