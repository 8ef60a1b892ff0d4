package io.kclient.annotation;

import io.kclient.Delivery;
import io.kclient.Ordering;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a handler of the records of one or more topics. The payload parameter's type
 * decides the conversion (a POJO or record via Jackson, {@code String}, {@code byte[]},
 * {@code JsonNode}, {@code List<T>}, {@code org.w3c.dom.Document}, {@code ConsumerRecord<K, V>});
 * further parameters may be annotated with {@link KafkaKey}, {@link KafkaHeader} or
 * {@link KafkaMetadata}. Every string attribute may be a {@code ${property}} placeholder.
 *
 * <p>Attributes of KClient 1 keep working: {@link #topic()} is an alias of {@link #topics()},
 * {@link #streamNum()} and {@link #fixedThreadNum()} are aliases of {@link #concurrency()};
 * {@link #minThreadNum()} and {@link #maxThreadNum()} fail the start naming
 * {@code concurrency}, since workers are a fixed pool.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InputConsumer {

    /** Handler id, used for per-handler properties ({@code kclient.handlers.<id>.*}), metrics and logs. Default: {@code beanName.methodName}. */
    String id() default "";

    /** Topics to consume. */
    String[] topics() default {};

    /** One topic to consume; KClient 1's attribute, an alias of {@link #topics()}. */
    String topic() default "";

    /** A regular expression of topics to consume, instead of {@link #topics()}. */
    String topicPattern() default "";

    /** Consumer group. Default: {@code kclient.consumer.group-id}, else the handler id. */
    String groupId() default "";

    /** Worker threads running this handler. Default: {@code kclient.defaults.concurrency} (1). */
    int concurrency() default 0;

    /**
     * Record order the workers keep, written {@code ordering = Ordering.NONE}; at most one value.
     * Default: {@code kclient.defaults.ordering} ({@link Ordering#KEY}).
     */
    Ordering[] ordering() default {};

    /**
     * Delivery promise, written {@code delivery = Delivery.EXACTLY_ONCE}; at most one value.
     * Default: {@link Delivery#AT_LEAST_ONCE}. Exactly-once runs each poll batch in a Kafka
     * transaction that also carries the batch's offsets.
     */
    Delivery[] delivery() default {};

    /**
     * Consume as a member of a Kafka share group (a work queue, KIP-932) instead of a consumer
     * group: the broker hands each record to one member at a time, so instances and workers are not
     * capped by the partition count, and each record is acknowledged on its own. Records run in no
     * order; a failed one is released for another delivery (to any member) until
     * {@code retry.max-attempts} deliveries, then goes to the error handler and the dead-letter
     * topic. Not with {@link #topicPattern()}, {@code EXACTLY_ONCE} or an ordering other than
     * {@code NONE}. Default: {@code false}; per handler {@code kclient.handlers.<id>.share-group}.
     */
    boolean shareGroup() default false;

    /**
     * Take records in lists: the method's one parameter is a {@code List<ConsumerRecord<K, V>>}
     * or a {@code List<T>} of payloads, and each call gets records of one partition, in offset
     * order, at most {@code batch-max-records} ({@code kclient.defaults.batch-max-records}, 500,
     * or per handler). It returns {@code void}, or a {@code List} with one element per record,
     * published as that record's return value would be (with its key; {@code null}: nothing). To
     * say which record failed, throw {@link io.kclient.BatchFailedException} with the outputs of
     * the records before it: those are done, it is retried alone and then dead-lettered, and the
     * records after it are handled again (in {@code KEY} order those of its key after it). Not in a
     * share group.
     */
    boolean batch() default false;

    /** Classpath resource (or {@code file:} path) of Kafka consumer properties, as in KClient 1. */
    String propertiesFile() default "";

    /** KClient 1's stream count: an alias of {@link #concurrency()}. */
    int streamNum() default 0;

    /** KClient 1's fixed worker pool size: an alias of {@link #concurrency()}. */
    int fixedThreadNum() default 0;

    /** KClient 1's elastic pool bound: not supported, fails the start naming {@link #concurrency()}. */
    int minThreadNum() default 0;

    /** KClient 1's elastic pool bound: not supported, fails the start naming {@link #concurrency()}. */
    int maxThreadNum() default 0;
}
