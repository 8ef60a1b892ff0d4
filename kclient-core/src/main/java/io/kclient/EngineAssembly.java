package io.kclient;

import io.kclient.admin.AdminShareGroupProbe;
import io.kclient.admin.LazyAdmin;
import io.kclient.admin.TopicProvisioner;
import io.kclient.admin.TopicSettings;
import io.kclient.config.HandlerDefaults;
import io.kclient.config.HandlerDefaults.ResolvedSettings;
import io.kclient.config.HandlerEndpoint;
import io.kclient.convert.PayloadConversionException;
import io.kclient.deadletter.DeadLetterSource;
import io.kclient.deadletter.DeadLetters;
import io.kclient.deadletter.EngineRedriveClients;
import io.kclient.deadletter.RedriveSettings;
import io.kclient.convert.PayloadConverters;
import io.kclient.handler.ErrorHandlerInvoker;
import io.kclient.handler.HandlerExtensions;
import io.kclient.handler.ErrorReplyPublisher;
import io.kclient.handler.HandlerMethodAdapter;
import io.kclient.listener.DeadLetterPublisher;
import io.kclient.listener.HandlerActivity;
import io.kclient.listener.HandlerContainer;
import io.kclient.listener.HandlerLoad;
import io.kclient.listener.ListenerContainer;
import io.kclient.listener.Recoverer;
import io.kclient.listener.RetryTopicForwarder;
import io.kclient.listener.ShareGroupContainer;
import io.kclient.listener.Subscription;
import io.kclient.observe.HandlerObserver;
import io.kclient.producer.SharedProducers;
import io.kclient.producer.TransactionalOutput;
import io.kclient.scaling.ScalingSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns endpoints into running parts: a container per handler, with its adapter, retries, error
 * handlers and dead-letter publisher, over shared producers. Everything that can be checked
 * without a broker is checked here, so a bad handler fails {@link KClient.Builder#build()}.
 */
final class EngineAssembly {

    private static final Logger log = LoggerFactory.getLogger(EngineAssembly.class);

    /** Consumer settings KClient needs to keep its promises; a user's value for these is refused. */
    private static final Set<String> ENGINE_OWNED = Set.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private static final String READ_COMMITTED = "read_committed";

    /**
     * Replies do not wait for a batch to fill: a reply is one record a caller is waiting for, and
     * lingering would add the whole linger to every round trip. Under load batches still form, as
     * records queue while earlier requests to the broker are in flight.
     */
    private static final int REPLY_LINGER_MS = 0;

    private final Map<String, Object> common;
    private final Map<String, Object> consumerProperties;
    private final HandlerDefaults defaults;
    private final TopicSettings topicSettings;
    private final PayloadConverters converters;
    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;
    private final Function<Map<String, Object>, ShareConsumer<byte[], byte[]>> shareConsumerFactory =
            config -> new KafkaShareConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    private final SharedProducers producers;
    private final ScheduledExecutorService scheduler;
    private final Duration startTimeout;
    /** The engine-wide {@code transactional.id}: a prefix naming this instance, or {@code null}. */
    private final Object transactionalIdPrefix;
    /** Names this engine's transactional producers when no {@code transactional.id} was given. */
    private final String instance = UUID.randomUUID().toString();
    private Function<Map<String, Object>, Admin> adminFactory = Admin::create;
    private HandlerExtensions extensions = HandlerExtensions.NONE;
    private HandlerObserver observer = HandlerObserver.NONE;
    private ScalingSettings scaling = ScalingSettings.DEFAULT;
    private RedriveSettings redrive = RedriveSettings.DEFAULT;
    /** What the engine asks the broker while it runs: share groups' lag. */
    private LazyAdmin runtimeAdmin;
    private TombstonePolicy tombstones = TombstonePolicy.SKIP;

    EngineAssembly(Map<String, Object> common, Map<String, Object> consumerProperties,
            Map<String, Object> producerProperties, HandlerDefaults defaults, TopicSettings topicSettings,
            PayloadConverters converters, Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory,
            Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory, Duration startTimeout) {
        this.startTimeout = startTimeout;
        this.common = Map.copyOf(common);
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.defaults = defaults;
        this.topicSettings = topicSettings;
        this.converters = converters;
        this.consumerFactory = consumerFactory != null ? consumerFactory
                : config -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerBase = new LinkedHashMap<>(common);
        producerBase.putAll(producerProperties);
        // only exactly-once handlers' producers are transactional; the shared ones must not be
        this.transactionalIdPrefix = producerBase.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producers = producerFactory != null ? new SharedProducers(producerBase, producerFactory) : new SharedProducers(producerBase);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kclient-retry-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** For tests: the admin client that checks and creates topics comes from here. */
    EngineAssembly adminFactory(Function<Map<String, Object>, Admin> adminFactory) {
        if (adminFactory != null) {
            this.adminFactory = adminFactory;
        }
        return this;
    }

    /** The application's payload validator and handler interceptors. */
    EngineAssembly extensions(HandlerExtensions extensions) {
        this.extensions = extensions;
        return this;
    }

    /** Hears every handler's record events. */
    EngineAssembly observer(HandlerObserver observer) {
        this.observer = observer;
        return this;
    }

    /** What the autoscaling signal aims at. */
    EngineAssembly scaling(ScalingSettings scaling) {
        this.scaling = scaling;
        return this;
    }

    /** How dead letters are redriven. */
    EngineAssembly redrive(RedriveSettings redrive) {
        this.redrive = redrive;
        return this;
    }

    /** What a tombstone becomes in handlers whose signature does not take it and that do not say. */
    EngineAssembly tombstones(TombstonePolicy tombstones) {
        this.tombstones = tombstones;
        return this;
    }

    /**
     * What {@link KClient} is made of.
     *
     * @param outputs each handler's {@code @OutputProducer} topic, by handler id; absent for a handler without one
     */
    record Parts(List<ListenerContainer> containers, List<HandlerDescription> descriptions, Map<String, String> outputs,
            SharedProducers producers, TopicProvisioner provisioner, LazyAdmin runtimeAdmin, DeadLetters deadLetters,
            List<String> topics, Map<String, HandlerEndpoint> shareGroups, ScheduledExecutorService scheduler,
            Duration shutdownTimeout, Duration startTimeout) {
    }

    Parts assemble(List<HandlerEndpoint> endpoints) {
        runtimeAdmin = new LazyAdmin(common, adminFactory);
        Set<String> ids = new HashSet<>();
        Set<String> topics = new LinkedHashSet<>();
        List<ListenerContainer> containers = new ArrayList<>();
        List<HandlerDescription> descriptions = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, HandlerEndpoint> shareGroups = new LinkedHashMap<>();
        Map<String, DeadLetterSource> deadLetterSources = new LinkedHashMap<>();
        for (HandlerEndpoint endpoint : endpoints) {
            if (!ids.add(endpoint.id())) {
                throw new KClientConfigurationException("Two handlers have the id '" + endpoint.id() + "' (" + endpoint.describe()
                        + "): give one of them another @InputConsumer(id = ...)");
            }
            ResolvedSettings settings = defaults.resolve(endpoint);
            containers.add(container(endpoint, settings, descriptions));
            deadLetterSources.put(endpoint.id(), deadLetterSource(endpoint, settings));
            if (endpoint.shareGroup()) {
                shareGroups.put(settings.groupId(), endpoint);
            }
            for (String topic : endpoint.topics()) {
                topics.add(topic);
                topics.addAll(RetryTopicForwarder.retryTopics(topic, endpoint.retryTopicDelays().size()));
                topics.add(settings.deadLetterTopicFor(topic));
            }
            if (endpoint.outputTopic() != null) {
                topics.add(endpoint.outputTopic());
                outputs.put(endpoint.id(), endpoint.outputTopic());
            }
            if (endpoint.topicPattern() != null && settings.deadLetterTopic() != null) {
                topics.add(settings.deadLetterTopic()); // a pattern's own topics, and their dead-letter topics, are unknown here
            }
        }
        return new Parts(List.copyOf(containers), List.copyOf(descriptions), Map.copyOf(outputs), producers,
                new TopicProvisioner(common, topicSettings, startTimeout, adminFactory), runtimeAdmin,
                new DeadLetters(deadLetterSources, redrive, new EngineRedriveClients(common, consumerFactory, producers), startTimeout),
                List.copyOf(topics),
                Map.copyOf(shareGroups), scheduler,
                defaults.shutdownTimeout(), startTimeout);
    }

    /** The handler's container; its description goes to {@code descriptions}. */
    private ListenerContainer container(HandlerEndpoint endpoint, ResolvedSettings settings, List<HandlerDescription> descriptions) {
        TransactionalOutput transactions = endpoint.delivery() == Delivery.EXACTLY_ONCE ? transactionalOutput(endpoint, settings) : null;
        Supplier<Producer<byte[], byte[]>> output = transactions != null ? transactions : sharedProducer(endpoint);
        // an exactly-once handler's replies are part of its transaction; others' go out at once: a caller waits
        Supplier<Producer<byte[], byte[]>> replies = transactions != null ? transactions : replyProducer(endpoint);
        PayloadConverters converters = convertersOf(endpoint);
        HandlerMethodAdapter adapter = HandlerMethodAdapter.create(endpoint, converters, output, replies, extensions, observer,
                tombstones);
        descriptions.add(new HandlerDescription(endpoint, settings, converters, adapter.payloadType(), adapter.keyType(),
                adapter.outputType()));
        ErrorReplyPublisher errorReplies = new ErrorReplyPublisher(replies, converters);
        ErrorHandlerInvoker errorHandlers = ErrorHandlerInvoker.create(endpoint, converters);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(output, settings::deadLetterTopicFor, endpoint.id(), observer);
        Recoverer giveUp = (record, failure) -> {
            if (failure instanceof PayloadConversionException unreadable) {
                // the sender's fault, not the handler's: one line, no stack trace to flood the log with
                log.warn("Handler '{}' could not read record {}-{}@{}, sending it to {}: {}", endpoint.id(), record.topic(),
                        record.partition(), record.offset(), settings.deadLetterTopicFor(record.topic()), unreadable.getMessage());
            } else {
                log.error("Handler '{}' gave up on record {}-{}@{}; sending it to {}", endpoint.id(), record.topic(),
                        record.partition(), record.offset(), settings.deadLetterTopicFor(record.topic()), failure);
            }
            try {
                errorHandlers.invoke(record, failure);
            } catch (RuntimeException e) {
                log.error("The error handler of '{}' failed on record {}-{}@{}; the record still goes to the dead-letter topic",
                        endpoint.id(), record.topic(), record.partition(), record.offset(), e);
            }
            errorReplies.replyIfRequest(record, failure);
            return deadLetters.recover(record, failure);
        };
        Recoverer recoverer = endpoint.retryTopicDelays().isEmpty() ? giveUp
                : new RetryTopicForwarder(endpoint.retryTopicDelays(), output, EngineAssembly::worthRetrying, giveUp, Clock.systemUTC());
        if (endpoint.shareGroup()) {
            Map<String, Object> config = ShareConsumerSettings.of(common, consumerProperties, endpoint, settings);
            return new ShareGroupContainer(endpoint.id(), subscription(endpoint, settings), settings,
                    () -> shareConsumerFactory.apply(config), adapter, EngineAssembly::worthRetrying, recoverer,
                    new AdminShareGroupProbe(runtimeAdmin, settings.groupId()), activity(endpoint, settings));
        }
        Map<String, Object> consumerConfig = consumerConfig(endpoint, settings);
        Supplier<Consumer<byte[], byte[]>> consumers = () -> consumerFactory.apply(consumerConfig);
        return new HandlerContainer(endpoint.id(), subscription(endpoint, settings), settings, consumers, adapter,
                EngineAssembly::worthRetrying, recoverer, scheduler, transactions, activity(endpoint, settings));
    }

    /** Where the handler's dead letters go: a dead-letter topic per topic it reads; for a pattern, only its own one if set. */
    private static DeadLetterSource deadLetterSource(HandlerEndpoint endpoint, ResolvedSettings settings) {
        List<String> topics = endpoint.topicPattern() == null
                ? endpoint.topics().stream().map(settings::deadLetterTopicFor).distinct().toList()
                : settings.deadLetterTopic() == null ? List.of() : List.of(settings.deadLetterTopic());
        return new DeadLetterSource(endpoint.id(), settings.groupId(), topics);
    }

    private HandlerActivity activity(HandlerEndpoint endpoint, ResolvedSettings settings) {
        return new HandlerActivity(endpoint.id(), observer, new HandlerLoad(settings.ordering(), settings.concurrency(), scaling));
    }

    /** The engine's converters with the handler's own payload size limit and format settings over them. */
    private PayloadConverters convertersOf(HandlerEndpoint endpoint) {
        PayloadConverters own = endpoint.maxPayloadBytes() == null ? converters : converters.withMaxPayloadBytes(endpoint.maxPayloadBytes());
        try {
            return own.withFormatSettings(endpoint.formatSettings());
        } catch (IllegalArgumentException e) {
            throw new KClientConfigurationException(endpoint.describe() + ": " + e.getMessage() + " (kclient.handlers["
                    + endpoint.id() + "].format)", e);
        }
    }

    /** A payload that cannot be converted, or an output the broker will refuse every time, goes to its dead letter at once. */
    private static boolean worthRetrying(Throwable failure) {
        return !(failure instanceof PayloadConversionException)
                && !(failure instanceof OutputPublishException refused && !refused.isRetriable());
    }

    private Supplier<Producer<byte[], byte[]>> sharedProducer(HandlerEndpoint endpoint) {
        if (endpoint.producerProperties().containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            throw new KClientConfigurationException("Producer property 'transactional.id' of " + endpoint.describe()
                    + " makes a transactional producer, but the handler is at-least-once: set its delivery to EXACTLY_ONCE "
                    + "(@InputConsumer(delivery = Delivery.EXACTLY_ONCE) or kclient.handlers." + endpoint.id()
                    + ".delivery=exactly-once), or remove the property");
        }
        Producer<byte[], byte[]> shared = producers.get(endpoint.producerProperties());
        return () -> shared;
    }

    /**
     * The shared producer of the handler's settings that does not linger, made at the first
     * request: an engine whose handlers are never called opens no connection for replies.
     */
    private Supplier<Producer<byte[], byte[]>> replyProducer(HandlerEndpoint endpoint) {
        Map<String, Object> config = new LinkedHashMap<>(endpoint.producerProperties());
        config.put(ProducerConfig.LINGER_MS_CONFIG, REPLY_LINGER_MS);
        AtomicReference<Producer<byte[], byte[]>> producer = new AtomicReference<>();
        return () -> producer.updateAndGet(made -> made != null ? made : producers.get(config));
    }

    /**
     * The exactly-once handler's own producer. Its {@code transactional.id} is the configured one
     * (which should name the instance, so a restart fences its predecessor at once) followed by
     * the handler id, else one unique to this engine.
     */
    private TransactionalOutput transactionalOutput(HandlerEndpoint endpoint, ResolvedSettings settings) {
        Map<String, Object> overrides = new LinkedHashMap<>(endpoint.producerProperties());
        Object prefix = overrides.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (prefix == null) {
            prefix = transactionalIdPrefix;
        }
        String transactionalId = prefix != null ? prefix + "-" + endpoint.id()
                : "kclient-" + settings.groupId() + "-" + endpoint.id() + "-" + instance;
        overrides.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new TransactionalOutput(transactionalId, () -> producers.createUnshared(overrides));
    }

    private Map<String, Object> consumerConfig(HandlerEndpoint endpoint, ResolvedSettings settings) {
        Map<String, Object> config = new LinkedHashMap<>(common);
        // defaults under every setting, the client-wide ones included
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new handler misses nothing already sent
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, settings.maxInFlight()));
        config.putAll(consumerProperties);
        nameAfterHandler(config, endpoint);
        config.putAll(endpoint.consumerProperties());
        refuseEngineOwned(config, ENGINE_OWNED, endpoint, "offsets are committed only after records are handled");
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED); // aborted output of exactly-once handlers is never input
        if (endpoint.delivery() == Delivery.EXACTLY_ONCE && !READ_COMMITTED.equals(config.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))) {
            throw new KClientConfigurationException("Consumer property 'isolation.level' of " + endpoint.describe() + " is "
                    + config.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG) + ", but the handler is exactly-once and must not read "
                    + "records of aborted transactions: remove the property");
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        return config;
    }

    /**
     * Gives a handler's consumer a {@code client.id} of its own: an engine-wide one names the
     * application, and each consumer adds its handler, so ids stay unique.
     */
    static void nameAfterHandler(Map<String, Object> config, HandlerEndpoint endpoint) {
        config.compute(ConsumerConfig.CLIENT_ID_CONFIG, (key, shared) -> (shared == null ? "kclient" : shared) + "-" + endpoint.id());
    }

    /** Fails the start if {@code config} sets one of the {@code owned} keys, saying {@code why} KClient sets it. */
    static void refuseEngineOwned(Map<String, Object> config, Set<String> owned, HandlerEndpoint endpoint, String why) {
        for (String key : owned) {
            if (config.containsKey(key)) {
                throw new KClientConfigurationException("Consumer property '" + key + "' of " + endpoint.describe()
                        + " is set by KClient (" + why + "; payloads are converted from the handler's parameter types): remove it");
            }
        }
    }

    /**
     * The handler's topics, or its pattern without its own dead-letter topics: {@code node.1.DLT}
     * matches {@code node\..*} too, and a handler must not read back what it gave up on.
     */
    private static Subscription subscription(HandlerEndpoint endpoint, ResolvedSettings settings) {
        if (endpoint.topicPattern() == null) {
            List<String> topics = new ArrayList<>(endpoint.topics()); // the handler consumes its own retry topics
            endpoint.topics().forEach(topic -> topics.addAll(RetryTopicForwarder.retryTopics(topic, endpoint.retryTopicDelays().size())));
            return new Subscription(topics, null);
        }
        try {
            Pattern.compile(endpoint.topicPattern());
        } catch (PatternSyntaxException e) {
            throw new KClientConfigurationException("topicPattern '" + endpoint.topicPattern() + "' of " + endpoint.describe()
                    + " is not a regular expression: " + e.getDescription(), e);
        }
        String deadLetters = settings.deadLetterTopic() != null ? Pattern.quote(settings.deadLetterTopic())
                : ".*" + Pattern.quote(settings.deadLetterSuffix());
        return new Subscription(List.of(), Pattern.compile("(?!" + deadLetters + "$)(?:" + endpoint.topicPattern() + ")"));
    }
}
