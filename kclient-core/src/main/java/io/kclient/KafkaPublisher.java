package io.kclient;

import io.kclient.clients.ClusterFailures;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.clients.TopicNames;
import io.kclient.convert.PayloadConverters;
import io.kclient.handler.JoinedSends;
import io.kclient.handler.OutputRecords;
import io.kclient.producer.TransactionPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import tools.jackson.databind.ObjectMapper;

/**
 * Publishes records from anywhere in an application: a REST call, a scheduled job, a handler.
 * Keys and values are written like handlers' return values ({@code String} as UTF-8 text,
 * {@code byte[]} as is, a {@code Document} as XML, anything else as JSON with the application's
 * hardened mapper); a {@link Message} also chooses its headers and partition.
 *
 * <pre>{@code
 * publisher.send("dogs", dog.id(), dog);                        // a future of the broker's acknowledgement
 * publisher.sendAndWait(Message.of(dog).topic("dogs").header("source", "rest"), Duration.ofSeconds(5));
 * publisher.inTransaction(tx -> {                               // both or neither
 *     tx.send("dogs", dog.id(), dog);
 *     tx.send("audit", dog.id(), "adopted");
 * });
 * }</pre>
 *
 * <p>Called on a handler's thread while it (or its error handler) handles a record, its sends belong to that record: they
 * go out when the handler returns, with its return value and through its producer, the record is
 * done (and may be committed) only once they are acknowledged, one that fails fails the record, and
 * an exactly-once handler's join its transaction. Outside handlers, a bad record (an invalid or
 * internal topic, a value larger than {@code max.request.size}, a value that cannot be written)
 * fails the call with a {@link PublishException} and sends nothing; what the cluster then refuses,
 * or a broker that does not answer within {@code max.block.ms} (10 s unless the producer
 * properties say otherwise), fails the future with one. Thread-safe; one per application is enough.
 *
 * <p>About 300 lines with its builder: sending, the checks that refuse a bad record before it is
 * sent, and transactions are one API; the join to a handler's record is {@link JoinedSends}'s.
 */
public final class KafkaPublisher implements AutoCloseable {

    /** How long a send waits for the cluster's metadata before it fails, unless the producer properties say otherwise. */
    private static final Map<String, Object> DEFAULTS = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);

    private final KafkaClientFactory clients;
    private final PayloadConverters converters;
    private final Map<String, Object> producerConfig;
    private final int maxRequestSize;
    private final TransactionPool transactions;
    /** The producer of the transaction this thread runs through this publisher, if any. */
    private final ThreadLocal<Producer<byte[], byte[]>> transaction = new ThreadLocal<>();
    private Producer<byte[], byte[]> producer;
    private boolean closed;

    KafkaPublisher(KafkaClientFactory clients, PayloadConverters converters) {
        this.clients = clients;
        this.converters = converters;
        this.producerConfig = clients.producerConfig(DEFAULTS, Map.of());
        this.maxRequestSize = Integer.parseInt(String.valueOf(producerConfig.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))));
        this.transactions = clients.transactionalId() == null ? null : new TransactionPool(clients.transactionalId() + "-publisher",
                id -> clients.createProducer(clients.producerConfig(DEFAULTS, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id))));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code value} with {@code key} ({@code null} for none) to {@code topic}.
     *
     * @return completes with the broker's acknowledgement, or exceptionally with a {@link PublishException}
     * @throws PublishException the record is bad: nothing was sent
     */
    public CompletableFuture<RecordMetadata> send(String topic, Object key, Object value) {
        return send(Message.of(value).key(key).topic(checked(topic)));
    }

    /** As {@link #send(String, Object, Object)}, for a message that names its topic, and may its headers and partition. */
    public CompletableFuture<RecordMetadata> send(Message<?> message) {
        return dispatch(record(message));
    }

    /**
     * Sends every message, each checked before the first is sent: one bad message sends none. Not
     * atomic once sent (some may be acknowledged and others refused): use {@link #inTransaction} for that.
     *
     * @return completes with the acknowledgements in the messages' order, or exceptionally with the first failure
     */
    public CompletableFuture<List<RecordMetadata>> sendAll(List<? extends Message<?>> messages) {
        List<ProducerRecord<byte[], byte[]>> records = messages.stream().map(this::record).toList();
        List<CompletableFuture<RecordMetadata>> sent = records.stream().map(this::dispatch).toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(all -> sent.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Sends and waits at most {@code timeout} for the broker's acknowledgement. Not on a handler's
     * thread, where sends go out only once the handler returns: there, use {@link #send}.
     *
     * @throws PublishException the record is bad, was refused, or was not acknowledged in time (it may
     *     still be written: a producer keeps trying until {@code delivery.timeout.ms})
     */
    public RecordMetadata sendAndWait(Message<?> message, Duration timeout) {
        JoinedSends joined = JoinedSends.current();
        if (joined != null) {
            throw new KClientException("sendAndWait(...) on the thread of handler '" + joined.handlerId() + "', whose sends go "
                    + "out when it returns, would wait forever: use send(...); the record is done once its sends are acknowledged");
        }
        CompletableFuture<RecordMetadata> sent = send(message);
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PublishException refused ? refused : refused(message.topic(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException(message.topic(), "No acknowledgement of the record for topic '" + message.topic()
                    + "' from " + clients.bootstrapServers() + " within " + timeout + "; the producer may still write it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(message.topic(), "Interrupted waiting for the record for topic '" + message.topic() + "'", e);
        }
    }

    /** As {@link #sendAndWait(Message, Duration)}, for a value with a key. */
    public RecordMetadata sendAndWait(String topic, Object key, Object value, Duration timeout) {
        return sendAndWait(Message.of(value).key(key).topic(checked(topic)), timeout);
    }

    /**
     * Runs {@code work} in one Kafka transaction: what it sends through {@code work}'s publisher
     * (this one) is visible to {@code read_committed} readers together, once it returns, or not at
     * all if it throws or a send fails (the failure is thrown). Needs a {@code transactional.id}
     * naming this instance ({@code kclient.producer.properties.transactional.id}, unique per instance
     * and stable across its restarts). On an exactly-once handler's thread the sends join the
     * handler's transaction instead; an at-least-once handler's sends belong to its record and
     * cannot open a transaction.
     *
     * @throws PublishException the transaction could not be committed, and was aborted
     */
    public void inTransaction(Consumer<KafkaPublisher> work) {
        JoinedSends joined = JoinedSends.current();
        if (joined != null && !joined.exactlyOnce()) {
            throw new KClientException("inTransaction(...) on the thread of handler '" + joined.handlerId() + "', which is "
                    + "at-least-once: its sends belong to its record. Make the handler exactly-once (its sends then join "
                    + "its transaction), or send(...) without a transaction");
        }
        if (joined != null || transaction.get() != null) {
            work.accept(this); // the transaction under way takes these sends too
            return;
        }
        if (transactions == null) {
            throw new KClientConfigurationException("inTransaction(...) needs a transactional.id that names this instance: "
                    + "set kclient.producer.properties.transactional.id (or the KafkaClientFactory's producerProperties) "
                    + "to a name unique to the instance and stable across its restarts");
        }
        try {
            transactions.inTransaction(open -> {
                transaction.set(open);
                try {
                    work.accept(this);
                } finally {
                    transaction.remove();
                }
            });
        } catch (KafkaException e) {
            throw new PublishException(null, "The transaction was aborted, and none of its records will be read by a "
                    + "read_committed reader: " + e, e);
        }
    }

    /** Flushes and closes the producers. */
    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
        if (transactions != null) {
            transactions.close();
        }
    }

    private String checked(String topic) {
        if (topic == null) {
            throw new PublishException(null, "Not published: no topic was named (Message.of(value).topic(\"...\"))", null);
        }
        String refusal = TopicNames.refusal(topic);
        if (refusal != null) {
            throw new PublishException(topic, "Not published: topic '" + topic + "' " + refusal, null);
        }
        return topic;
    }

    /** The message as a record, refused whole before anything is sent if it is bad. */
    private ProducerRecord<byte[], byte[]> record(Message<?> message) {
        String topic = checked(message.topic());
        ProducerRecord<byte[], byte[]> record;
        try {
            record = OutputRecords.of(message, topic, null, converters);
        } catch (RuntimeException e) {
            throw new PublishException(topic, "Could not write the record for topic '" + topic + "': " + e.getMessage(), e);
        }
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), record.headers().toArray());
        if (size > maxRequestSize) {
            throw new PublishException(topic, "The record for topic '" + topic + "' takes " + size + " bytes, more than the "
                    + maxRequestSize + " of max.request.size: send less, or raise max.request.size (and the topic's "
                    + "max.message.bytes, which the broker holds records to)", null);
        }
        return record;
    }

    private CompletableFuture<RecordMetadata> dispatch(ProducerRecord<byte[], byte[]> record) {
        JoinedSends joined = JoinedSends.current();
        if (joined != null) {
            return joined.add(record);
        }
        Producer<byte[], byte[]> open = transaction.get();
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        try {
            (open != null ? open : producer()).send(record, (metadata, error) -> {
                if (error == null) {
                    sent.complete(metadata);
                } else {
                    sent.completeExceptionally(refused(record.topic(), error));
                }
            });
        } catch (KafkaException e) {
            sent.completeExceptionally(refused(record.topic(), e));
        }
        return sent;
    }

    /** What the cluster did not take, said so that the cause needs no digging. */
    private PublishException refused(String topic, Throwable error) {
        AuthenticationException login = ClusterFailures.authenticationFailure(error);
        String why = login != null ? ClusterFailures.authenticationFailed(login, clients.bootstrapServers()).getMessage()
                : error instanceof org.apache.kafka.common.errors.TimeoutException ? "no broker at " + clients.bootstrapServers()
                        + " answered in time (" + error.getMessage() + "): check that the cluster runs and the topic exists"
                : error.toString();
        return new PublishException(topic, "Could not publish to topic '" + topic + "': " + why, error);
    }

    /** The producer of sends outside transactions, made at the first: a publisher that is never used opens nothing. */
    private synchronized Producer<byte[], byte[]> producer() {
        if (closed) {
            throw new KClientException("The KafkaPublisher is closed");
        }
        if (producer == null) {
            producer = clients.createProducer(producerConfig);
        }
        return producer;
    }

    /** Collects the configuration of a {@link KafkaPublisher}. */
    public static final class Builder {

        private KafkaClientFactory.Builder clients = KafkaClientFactory.builder();
        private ObjectMapper jsonMapper;

        private Builder() {
        }

        /** Kafka's {@code bootstrap.servers}, for a publisher with no other setting; else give {@link #clients}. */
        public Builder bootstrapServers(String bootstrapServers) {
            clients.bootstrapServers(bootstrapServers);
            return this;
        }

        /**
         * Makes the publisher's producers from this factory: the engine's, so it connects like the
         * handlers, or one with the security and producer properties (a {@code transactional.id}
         * for {@link KafkaPublisher#inTransaction}) of the publisher.
         */
        public Builder clients(KafkaClientFactory clients) {
            this.clients = clients.toBuilder();
            return this;
        }

        /** The mapper values are written with (a hardened copy of it); by default a plain one. */
        public Builder jsonMapper(ObjectMapper jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        /** Builds the publisher; it connects at its first send. */
        public KafkaPublisher build() {
            return new KafkaPublisher(clients.build(),
                    PayloadConverters.of(jsonMapper));
        }
    }
}
