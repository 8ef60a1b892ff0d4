package io.kclient.engine;

import io.kclient.Delivery;
import io.kclient.KClientConfigurationException;
import io.kclient.OutputPublishException;
import io.kclient.admin.AdminShareGroupProbe;
import io.kclient.admin.LazyAdmin;
import io.kclient.admin.TopicProvisioner;
import io.kclient.admin.TopicSettings;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.HandlerSettings;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadConverters;
import io.kclient.deadletter.DeadLetterSource;
import io.kclient.deadletter.DeadLetters;
import io.kclient.deadletter.EngineRedriveClients;
import io.kclient.deadletter.RedriveSettings;
import io.kclient.handler.BatchHandlerMethodAdapter;
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
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Turns endpoints into running parts: a container per handler, with its adapter, retries, error
 * handlers and dead-letter publisher, over shared producers. Everything that can be checked
 * without a broker is checked here, so a bad handler fails {@link io.kclient.KClient.Builder#build()}.
 * The wiring behind {@code KClient}; applications use {@code KClient.builder()}.
 *
 * <p>Over 300 lines because it is the one place that knows every part a handler is made of; each
 * method makes one of them, and the parts' own rules live in their classes.
 */
public final class EngineAssembly {

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

    private final KafkaClientFactory clients;
    private final HandlerSettings defaults;
    private final Map<String, HandlerSettings> handlerSettings;
    private final TopicSettings topicSettings;
    private final PayloadConverters converters;
    private final SharedProducers producers;
    private final ScheduledExecutorService scheduler;
    private final Duration startTimeout;
    /** Names this engine's transactional producers when no {@code transactional.id} was given. */
    private final String instance = UUID.randomUUID().toString();
    private HandlerExtensions extensions = HandlerExtensions.NONE;
    private HandlerObserver observer = HandlerObserver.NONE;
    private ScalingSettings scaling = ScalingSettings.DEFAULT;
    private RedriveSettings redrive = RedriveSettings.DEFAULT;
    /** What the engine asks the broker while it runs: share groups' lag. */
    private final LazyAdmin runtimeAdmin;

    /**
     * @param clients makes every client, with the settings of every client, consumer and producer
     * @param defaults the settings of handlers that set none themselves
     * @param handlerSettings each handler's settings over its annotation, by handler id
     */
    public EngineAssembly(KafkaClientFactory clients, HandlerSettings defaults, Map<String, HandlerSettings> handlerSettings,
            TopicSettings topicSettings, PayloadConverters converters, Duration startTimeout) {
        this.clients = clients;
        this.startTimeout = startTimeout;
        this.defaults = defaults;
        this.handlerSettings = Map.copyOf(handlerSettings);
        this.topicSettings = topicSettings;
        this.converters = converters;
        this.producers = new SharedProducers(clients);
        this.runtimeAdmin = new LazyAdmin(() -> clients.createAdmin(clients.adminConfig(Map.of())));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kclient-retry-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** The application's payload validator and handler interceptors. */
    public EngineAssembly extensions(HandlerExtensions extensions) {
        this.extensions = extensions;
        return this;
    }

    /** Hears every handler's record events; its exceptions are logged and ignored. */
    public EngineAssembly observer(HandlerObserver observer) {
        this.observer = new GuardedObserver(observer);
        return this;
    }

    /** What the autoscaling signal aims at. */
    public EngineAssembly scaling(ScalingSettings scaling) {
        this.scaling = scaling;
        return this;
    }

    /** How dead letters are redriven. */
    public EngineAssembly redrive(RedriveSettings redrive) {
        this.redrive = redrive;
        return this;
    }

    /**
     * What {@link KClient} is made of.
     *
     * @param outputs each handler's {@code @OutputProducer} topic, by handler id; absent for a handler without one
     * @param clients what made every client, for the clients made beside the engine (publisher, RpcClient)
     * @param converters how payloads are read and written, with the application's JSON mapper
     * @param runtimeAdmin what the engine asks the broker while it runs, closed with it
     * @param deadLetters the handlers' dead letters, listed and redriven
     */
    public record Parts(List<ListenerContainer> containers, List<HandlerDescription> descriptions, Map<String, String> outputs,
            SharedProducers producers, TopicProvisioner provisioner, List<String> topics, Map<String, HandlerEndpoint> shareGroups,
            ScheduledExecutorService scheduler, Duration shutdownTimeout, Duration startTimeout, KafkaClientFactory clients,
            PayloadConverters converters, LazyAdmin runtimeAdmin, DeadLetters deadLetters) {
    }

    /** Checks every endpoint and builds its container; connects to nothing. */
    public Parts assemble(List<HandlerEndpoint> endpoints) {
        checkHandlerSettings(endpoints);
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
            HandlerSettings own = handlerSettings.getOrDefault(endpoint.id(), HandlerSettings.NONE).over(endpoint.settings());
            HandlerSettings settings = own.resolve(defaults, endpoint.id(), endpoint.describe());
            checkBatch(endpoint, own, settings);
            containers.add(container(endpoint, settings, descriptions));
            deadLetterSources.put(endpoint.id(), deadLetterSource(endpoint, settings));
            if (settings.shareGroup()) {
                shareGroups.put(settings.groupId(), endpoint);
            }
            for (String topic : settings.topicPattern() == null ? settings.topics() : List.<String>of()) {
                topics.add(topic);
                topics.addAll(RetryTopicForwarder.retryTopics(topic, settings.retryTopics().size()));
                topics.add(settings.deadLetterTopicFor(topic));
            }
            if (endpoint.outputTopic() != null) {
                topics.add(endpoint.outputTopic());
                outputs.put(endpoint.id(), endpoint.outputTopic());
            }
            if (settings.topicPattern() != null && settings.deadLetterTopic() != null) {
                topics.add(settings.deadLetterTopic()); // a pattern's own topics, and their dead-letter topics, are unknown here
            }
        }
        return new Parts(List.copyOf(containers), List.copyOf(descriptions), Map.copyOf(outputs), producers,
                new TopicProvisioner(clients, topicSettings, startTimeout), List.copyOf(topics),
                Map.copyOf(shareGroups), scheduler, defaults.over(HandlerSettings.DEFAULTS).shutdownTimeout(), startTimeout, clients,
                converters, runtimeAdmin, new DeadLetters(deadLetterSources, redrive, new EngineRedriveClients(clients, producers),
                        startTimeout));
    }

    /**
     * Per-handler settings for an id no handler has would otherwise leave their handler alone in
     * silence: a misspelt id, or an id with dots written without brackets.
     */
    private void checkHandlerSettings(List<HandlerEndpoint> endpoints) {
        Set<String> known = new LinkedHashSet<>();
        endpoints.forEach(endpoint -> known.add(endpoint.id()));
        for (String id : handlerSettings.keySet()) {
            if (!known.contains(id)) {
                throw new KClientConfigurationException("kclient.handlers." + id + " names no handler; the handler ids are "
                        + known + ". Use one of them (an id with dots in brackets: kclient.handlers[bean.method].concurrency), "
                        + "or set the id with @InputConsumer(id = \"" + id + "\")");
            }
        }
    }

    /**
     * What a batch handler cannot be, and a list bound on a handler that takes no list: both fail
     * the start, naming the handler and the fix.
     *
     * @param own the handler's own settings (its properties over its annotation), without the defaults'
     */
    private static void checkBatch(HandlerEndpoint endpoint, HandlerSettings own, HandlerSettings settings) {
        if (endpoint.batch() && settings.shareGroup()) {
            throw new KClientConfigurationException(endpoint.describe() + " is a batch handler in a share group, whose records "
                    + "are acknowledged one by one as each is handled: take one record at a time (remove batch = true), or run "
                    + "it in a consumer group (kclient.handlers[" + endpoint.id() + "].share-group=false)");
        }
        if (!endpoint.batch() && own.get(HandlerSettings.BATCH_MAX_RECORDS) != null) {
            throw new KClientConfigurationException(endpoint.describe() + " sets batch-max-records but takes one record at a "
                    + "time: make it a batch handler (@InputConsumer(batch = true) and a List parameter), or remove "
                    + "kclient.handlers[" + endpoint.id() + "].batch-max-records");
        }
    }

    /** The handler's container; its description goes to {@code descriptions}. */
    private ListenerContainer container(HandlerEndpoint endpoint, HandlerSettings settings, List<HandlerDescription> descriptions) {
        TransactionalOutput transactions = settings.delivery() == Delivery.EXACTLY_ONCE ? transactionalOutput(endpoint, settings) : null;
        Supplier<Producer<byte[], byte[]>> output = transactions != null ? transactions : sharedProducer(settings);
        // an exactly-once handler's replies are part of its transaction; others' go out at once: a caller waits
        Supplier<Producer<byte[], byte[]>> replies = transactions != null ? transactions : replyProducer(settings);
        PayloadConverters converters = convertersOf(endpoint, settings);
        // a batch handler's signature is checked here too, so a mistake fails the build, not the first poll
        BatchHandlerMethodAdapter batchAdapter = endpoint.batch() ? BatchHandlerMethodAdapter.create(endpoint, converters, output,
                replies, extensions, observer, settings.get(HandlerSettings.TOMBSTONES), transactions != null) : null;
        HandlerMethodAdapter adapter = endpoint.batch() ? null : HandlerMethodAdapter.create(endpoint, converters, output, replies,
                extensions, observer, settings.get(HandlerSettings.TOMBSTONES), transactions != null);
        descriptions.add(batchAdapter != null
                ? new HandlerDescription(endpoint, settings, converters, batchAdapter.payloadType(), batchAdapter.keyType(),
                        batchAdapter.outputType())
                : new HandlerDescription(endpoint, settings, converters, adapter.payloadType(), adapter.keyType(),
                        adapter.outputType()));
        ErrorReplyPublisher errorReplies = new ErrorReplyPublisher(replies, converters);
        ErrorHandlerInvoker errorHandlers = ErrorHandlerInvoker.create(endpoint, converters, output, transactions != null);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(output, settings::deadLetterTopicFor, endpoint.id(), observer);
        Recoverer giveUp = new LastResort(endpoint.id(), settings::deadLetterTopicFor, errorHandlers, errorReplies, deadLetters);
        Recoverer recoverer = settings.retryTopics().isEmpty() ? giveUp
                : new RetryTopicForwarder(settings.retryTopics(), output, EngineAssembly::worthRetrying, giveUp, Clock.systemUTC());
        if (settings.shareGroup()) {
            Map<String, Object> config = ShareConsumerSettings.of(clients, endpoint, settings);
            return new ShareGroupContainer(endpoint.id(), subscription(settings), settings,
                    () -> clients.createShareConsumer(config), adapter, EngineAssembly::worthRetrying, recoverer,
                    new AdminShareGroupProbe(runtimeAdmin, settings.groupId()), activity(endpoint, settings));
        }
        Map<String, Object> consumerConfig = consumerConfig(endpoint, settings);
        Supplier<Consumer<byte[], byte[]>> consumers = () -> clients.createConsumer(consumerConfig);
        HandlerActivity activity = activity(endpoint, settings);
        if (batchAdapter != null) {
            return new HandlerContainer(endpoint.id(), subscription(settings), settings, consumers, batchAdapter,
                    EngineAssembly::worthRetrying, recoverer, scheduler, transactions, activity);
        }
        return new HandlerContainer(endpoint.id(), subscription(settings), settings, consumers, adapter,
                EngineAssembly::worthRetrying, recoverer, scheduler, transactions, activity);
    }

    /** Where the handler's dead letters go: a dead-letter topic per topic it reads; for a pattern, only its own one if set. */
    private static DeadLetterSource deadLetterSource(HandlerEndpoint endpoint, HandlerSettings settings) {
        List<String> topics = settings.topicPattern() == null
                ? settings.topics().stream().map(settings::deadLetterTopicFor).distinct().toList()
                : settings.deadLetterTopic() == null ? List.of() : List.of(settings.deadLetterTopic());
        return new DeadLetterSource(endpoint.id(), settings.groupId(), topics);
    }

    private HandlerActivity activity(HandlerEndpoint endpoint, HandlerSettings settings) {
        return new HandlerActivity(endpoint.id(), observer, new HandlerLoad(settings.ordering(), settings.concurrency(), scaling));
    }

    /** The engine's converters with the handler's payload size limit and format settings over them. */
    private PayloadConverters convertersOf(HandlerEndpoint endpoint, HandlerSettings settings) {
        try {
            return converters.withMaxPayloadBytes(settings.maxPayloadBytes()).withFormatSettings(settings.get(HandlerSettings.FORMAT));
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

    /**
     * The shared producer of the handler's settings, made at the first send: an engine that cannot
     * reach its cluster fails its start once, with no producer retrying in the background.
     */
    private Supplier<Producer<byte[], byte[]>> sharedProducer(HandlerSettings settings) {
        return firstUse(settings.producerProperties());
    }

    /** The shared producer of the handler's settings that does not linger, made at the first request. */
    private Supplier<Producer<byte[], byte[]>> replyProducer(HandlerSettings settings) {
        Map<String, Object> config = new LinkedHashMap<>(settings.producerProperties());
        config.put(ProducerConfig.LINGER_MS_CONFIG, REPLY_LINGER_MS);
        return firstUse(config);
    }

    private Supplier<Producer<byte[], byte[]>> firstUse(Map<String, Object> overrides) {
        AtomicReference<Producer<byte[], byte[]>> producer = new AtomicReference<>();
        return () -> {
            Producer<byte[], byte[]> made = producer.get(); // a plain read once made: this is on every send
            return made != null ? made : producer.updateAndGet(none -> none != null ? none : producers.get(overrides));
        };
    }

    /**
     * The exactly-once handler's own producer. Its {@code transactional.id} is the configured one
     * (which should name the instance, so a restart fences its predecessor at once) followed by
     * the handler id, else one unique to this engine.
     */
    private TransactionalOutput transactionalOutput(HandlerEndpoint endpoint, HandlerSettings settings) {
        Map<String, Object> overrides = new LinkedHashMap<>(settings.producerProperties());
        Object prefix = overrides.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (prefix == null) {
            prefix = clients.transactionalId();
        }
        String transactionalId = prefix != null ? prefix + "-" + endpoint.id()
                : "kclient-" + settings.groupId() + "-" + endpoint.id() + "-" + instance;
        overrides.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new TransactionalOutput(transactionalId, () -> producers.createUnshared(overrides));
    }

    private Map<String, Object> consumerConfig(HandlerEndpoint endpoint, HandlerSettings settings) {
        Map<String, Object> config = clients.consumerConfig(Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", // a new handler misses nothing already sent
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, settings.maxInFlight())), Map.of());
        nameAfterHandler(config, endpoint);
        config.putAll(settings.consumerProperties());
        refuseEngineOwned(config, ENGINE_OWNED, endpoint, "offsets are committed only after records are handled");
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED); // aborted output of exactly-once handlers is never input
        if (settings.delivery() == Delivery.EXACTLY_ONCE && !READ_COMMITTED.equals(config.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))) {
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
    private static Subscription subscription(HandlerSettings settings) {
        if (settings.topicPattern() == null) {
            List<String> topics = new ArrayList<>(settings.topics()); // the handler consumes its own retry topics
            settings.topics().forEach(topic -> topics.addAll(RetryTopicForwarder.retryTopics(topic, settings.retryTopics().size())));
            return new Subscription(topics, null);
        }
        String deadLetters = settings.deadLetterTopic() != null ? Pattern.quote(settings.deadLetterTopic())
                : ".*" + Pattern.quote(settings.get(HandlerSettings.DEAD_LETTER_SUFFIX));
        return new Subscription(List.of(), Pattern.compile("(?!" + deadLetters + "$)(?:" + settings.topicPattern() + ")"));
    }
}
