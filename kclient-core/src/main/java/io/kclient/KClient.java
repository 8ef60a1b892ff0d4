package io.kclient;

import io.kclient.admin.LazyAdmin;
import io.kclient.admin.TopicProvisioner;
import io.kclient.clients.KafkaClientFactory;
import io.kclient.admin.TopicSettings;
import io.kclient.config.AnnotatedHandlerReader;
import io.kclient.config.HandlerSettings;
import io.kclient.config.HandlerEndpoint;
import io.kclient.config.SystemPropertyPlaceholders;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadFormat;
import io.kclient.deadletter.DeadLetters;
import io.kclient.deadletter.RedriveSettings;
import io.kclient.handler.HandlerExtensions;
import io.kclient.handler.HandlerInterceptor;
import io.kclient.handler.PayloadValidator;
import io.kclient.listener.HandlerActivity;
import io.kclient.listener.ListenerContainer;
import io.kclient.engine.EngineAssembly;
import io.kclient.engine.HandlerDescription;
import io.kclient.listener.RecentActivity;
import io.kclient.observe.HandlerObserver;
import io.kclient.producer.SharedProducers;
import io.kclient.rpc.RpcClient;
import io.kclient.scaling.ScalingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * The engine: runs every handler in its own container, shares producers between them, and
 * creates the topics they need. Plain Java, no container needed:
 *
 * <pre>{@code
 * try (KClient kclient = KClient.builder()
 *         .bootstrapServers("localhost:9092")
 *         .handlers(new AnimalsHandler())
 *         .build()) {
 *     kclient.start();
 *     ...
 * }
 * }</pre>
 *
 * {@link Builder#build()} validates every handler (failing with a message naming the method and
 * the fix) without connecting; {@link #start()} connects. While it runs, {@link #handlers()} shows
 * what each handler is doing, {@link #pause}, {@link #resume} and {@link #restart} act on one, and
 * {@link #deadLetters()} lists and redrives their dead letters.
 *
 * <p>About 500 lines: the engine's operations and its builder, whose methods each set one thing,
 * with their documentation; the wiring itself is {@link io.kclient.engine.EngineAssembly}'s.
 */
public final class KClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KClient.class);

    private final List<ListenerContainer> containers;
    private final List<HandlerDescription> descriptions;
    private final Map<String, String> outputs;
    private final SharedProducers producers;
    private final TopicProvisioner provisioner;
    private final LazyAdmin runtimeAdmin;
    private final DeadLetters deadLetters;
    private final List<String> topics;
    private final Map<String, HandlerEndpoint> shareGroups;
    private final ScheduledExecutorService scheduler;
    private final Duration shutdownTimeout;
    private final Duration startTimeout;
    private final KafkaClientFactory clients;
    private final PayloadConverters converters;
    private KafkaPublisher publisher;

    private KClient(EngineAssembly.Parts assembly) {
        this.containers = assembly.containers();
        this.descriptions = assembly.descriptions();
        this.outputs = assembly.outputs();
        this.producers = assembly.producers();
        this.provisioner = assembly.provisioner();
        this.runtimeAdmin = assembly.runtimeAdmin();
        this.deadLetters = assembly.deadLetters();
        this.topics = assembly.topics();
        this.shareGroups = assembly.shareGroups();
        this.scheduler = assembly.scheduler();
        this.shutdownTimeout = assembly.shutdownTimeout();
        this.startTimeout = assembly.startTimeout();
        this.clients = assembly.clients();
        this.converters = assembly.converters();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks or creates the topics, then starts every handler. Returns once each one's consumer is
     * subscribed; if one cannot start, stops the others and throws a {@link KClientException}
     * naming it.
     */
    public void start() {
        provisioner.provision(topics, shareGroups);
        List<ListenerContainer> started = new ArrayList<>();
        try {
            for (ListenerContainer container : containers) {
                container.start();
                started.add(container);
            }
            for (ListenerContainer container : containers) {
                container.awaitStarted(startTimeout);
                log.info("Started handler '{}': topics {}, group {}, ordering {}, concurrency {}, delivery {}, output {}",
                        container.id(), container.subscription(), container.settings().groupId(), container.settings().ordering(),
                        container.settings().concurrency(), container.delivery(), outputs.getOrDefault(container.id(), "none"));
            }
        } catch (RuntimeException | Error e) {
            stop(started);
            throw e;
        }
    }

    /**
     * Stops every handler gracefully, in parallel: records under way finish (bounded by the
     * shutdown timeout), outputs are flushed, offsets committed. {@link #start()} may follow.
     */
    public void stop() {
        stop(containers);
    }

    private static void stop(List<ListenerContainer> running) {
        List<Thread> stopping = new ArrayList<>();
        for (ListenerContainer container : running) {
            Thread thread = new Thread(container::stop, "kclient-stop-" + container.id());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The publisher of this engine: its clients and JSON mapper, made at the first call and closed
     * with the engine. Sends on a handler's thread belong to the record it handles (see {@link KafkaPublisher}).
     */
    public synchronized KafkaPublisher publisher() {
        if (publisher == null) {
            publisher = new KafkaPublisher(clients, converters);
        }
        return publisher;
    }

    /** Stops, then closes the producers, the publisher and the admin client. */
    @Override
    public void close() {
        stop();
        producers.close(shutdownTimeout);
        runtimeAdmin.close();
        synchronized (this) {
            if (publisher != null) {
                publisher.close();
            }
        }
        scheduler.shutdownNow();
    }

    /** Whether any handler is polling. */
    public boolean isRunning() {
        return containers.stream().anyMatch(c -> switch (c.state()) {
            case RUNNING, PAUSED, STOPPING -> true;
            default -> false;
        });
    }

    /** The handlers' containers, in registration order. */
    public List<ListenerContainer> containers() {
        return containers;
    }

    /** The container of the handler with this id; a {@link KClientException} names the ids there are if none has it. */
    public ListenerContainer container(String id) {
        return containers.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new KClientException("No handler has id '" + id + "'; the handler ids are "
                        + containers.stream().map(ListenerContainer::id).toList()));
    }

    /**
     * Every handler as the engine runs it (settings applied, the types it reads and publishes, where
     * its failures go), in registration order: what an AsyncAPI document of the application is made from.
     */
    public List<HandlerDescription> describe() {
        return descriptions;
    }

    /** Every handler's settings and what it is doing now, in registration order. */
    public List<HandlerStatus> handlers() {
        return containers.stream().map(this::status).toList();
    }

    /** The handler with this id, as {@link #handlers()} shows it. */
    public HandlerStatus handler(String id) {
        return status(container(id));
    }

    /**
     * Stops fetching the handler's records; it keeps its partitions (the consumer keeps polling,
     * so it stays in its group) and records under way finish. Takes effect at the next poll.
     */
    public void pause(String id) {
        container(id).pause();
    }

    /** Fetches the handler's records again after {@link #pause(String)}. */
    public void resume(String id) {
        container(id).resume();
    }

    /**
     * Stops the handler gracefully (records under way finish, offsets are committed, its consumer
     * leaves the group) and starts it again with a new consumer; the way out of a failed one.
     * The other handlers run on. A paused handler stays paused.
     */
    public void restart(String id) {
        container(id).restart();
        log.info("Restarted handler '{}'", id);
    }

    /**
     * What the handler with this id did on this instance lately: records completed and given up,
     * in total and per {@link io.kclient.listener.RecentActivity#INTERVAL} over the last five minutes.
     */
    public ActivityHistory activity(String id) {
        HandlerActivity activity = container(id).activity();
        return new ActivityHistory(id, activity.completedCount(), activity.failedCount(), RecentActivity.INTERVAL.toSeconds(),
                activity.recent().samples());
    }

    /**
     * The handlers' dead letters: list a handler's newest, and redrive a selection of them back to
     * the topics they failed on.
     *
     * <pre>{@code
     * List<DeadLetter> newest = kclient.deadLetters().list("animalsHandler.onDog", 20);
     * RedriveResult result = kclient.deadLetters().redrive("animalsHandler.onDog",
     *         RedriveSelection.all().exceptionClass("ConnectException").ratePerSecond(50));
     * }</pre>
     */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    private HandlerStatus status(ListenerContainer container) {
        HandlerActivity activity = container.activity();
        Throwable failure = activity.failure();
        List<TopicPartition> assignment = container.assignment().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition)).toList();
        return new HandlerStatus(container.id(), container.subscription().toString(), container.settings().groupId(),
                container.settings().ordering(), container.settings().concurrency(), container.delivery(),
                outputs.get(container.id()), container.state(), assignment, container.inFlight(), activity.lag(),
                activity.lastCompletion(), activity.noProgressSince(), activity.connected(),
                failure == null ? null : failure.toString(), activity.load().instancesNeeded());
    }

    /** Collects the configuration of a {@link KClient}. */
    public static final class Builder {

        private KafkaClientFactory.Builder clients = KafkaClientFactory.builder();
        private ObjectMapper jsonMapper;
        private HandlerSettings defaults = HandlerSettings.NONE;
        private final Map<String, HandlerSettings> handlerSettings = new LinkedHashMap<>();
        private TopicSettings topicSettings = TopicSettings.DEFAULT;
        private UnaryOperator<String> placeholders = new SystemPropertyPlaceholders();
        private final List<Object> annotatedBeans = new ArrayList<>();
        private final List<HandlerEndpoint> endpoints = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(30);
        private final List<PayloadFormat> payloadFormats = new ArrayList<>();
        private PayloadValidator payloadValidator;
        private final List<HandlerInterceptor> interceptors = new ArrayList<>();
        private HandlerObserver observer = HandlerObserver.NONE;
        private ScalingSettings scaling = ScalingSettings.DEFAULT;
        private RedriveSettings redrive = RedriveSettings.DEFAULT;

        private Builder() {
        }

        /** Kafka's {@code bootstrap.servers}: where every client connects. Required. */
        public Builder bootstrapServers(String bootstrapServers) {
            clients.bootstrapServers(bootstrapServers);
            return this;
        }

        /**
         * Makes every client from this factory: its servers, settings and client makers, with what
         * this builder's client methods add after this call. Spring Boot's starter gives its one.
         */
        public Builder clients(KafkaClientFactory clients) {
            this.clients = clients.toBuilder();
            return this;
        }

        /**
         * The mapper for JSON payloads; by default a plain {@code JsonMapper}. KClient reads with a
         * hardened copy (no default typing, bounded nesting and number sizes) and leaves this one unchanged.
         */
        public Builder jsonMapper(ObjectMapper jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        /** Properties of every client KClient creates (consumers, producers, admin): security, for example. */
        public Builder clientProperties(Map<String, ?> properties) {
            clients.clientProperties(properties);
            return this;
        }

        /** Kafka consumer properties of every handler, under each handler's own. */
        public Builder consumerProperties(Map<String, ?> properties) {
            clients.consumerProperties(properties);
            return this;
        }

        /** Kafka producer properties of every output, under each handler's own. */
        public Builder producerProperties(Map<String, ?> properties) {
            clients.producerProperties(properties);
            return this;
        }

        /**
         * Settings of every handler that does not set them itself, over the engine's own
         * ({@link HandlerSettings#DEFAULTS}); given more than once, the later win.
         */
        public Builder defaults(HandlerSettings defaults) {
            this.defaults = defaults.validate("the defaults (kclient.defaults.*)").over(this.defaults);
            return this;
        }

        /**
         * Settings of the handler with this id, over what its annotation says (as
         * {@code kclient.handlers.<id>.*}); given more than once, the later win. An id no handler
         * has fails {@link #build()}.
         */
        public Builder handlerSettings(String id, HandlerSettings settings) {
            handlerSettings.merge(id, settings.validate("kclient.handlers[" + id + "]", id), HandlerSettings::over);
            return this;
        }

        /** Whether and how missing topics are created at start. */
        public Builder topics(TopicSettings topicSettings) {
            this.topicSettings = Objects.requireNonNull(topicSettings, "topicSettings");
            return this;
        }

        /** Resolves {@code ${...}} in annotation attributes; by default system properties, then the environment. */
        public Builder placeholders(UnaryOperator<String> placeholders) {
            this.placeholders = Objects.requireNonNull(placeholders, "placeholders");
            return this;
        }

        /** Objects whose {@code @InputConsumer} methods become handlers. */
        public Builder handlers(Object... beans) {
            annotatedBeans.addAll(List.of(beans));
            return this;
        }

        /** A handler declared without annotations. */
        public Builder endpoint(HandlerEndpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** How long {@link KClient#start()} waits for the cluster to answer before it fails; 30 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * The largest payload (or key) a handler reads, unless it sets its own; a larger record goes
         * to the dead-letter topic unparsed. 1 MiB by default, Kafka's own default record size. The
         * same as {@code defaults(HandlerSettings.NONE.with(HandlerSettings.MAX_PAYLOAD_BYTES, n))}.
         */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            return defaults(HandlerSettings.NONE.with(HandlerSettings.MAX_PAYLOAD_BYTES, maxPayloadBytes));
        }

        /**
         * Adds a payload format, asked before the formats found on the class path (and replacing one
         * of the same name): a schema registry's wire format, say. {@code kclient-avro} and
         * {@code kclient-protobuf} need no call: on the class path, they are found.
         */
        public Builder payloadFormat(PayloadFormat format) {
            payloadFormats.add(Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * Payload format settings of every handler, under each handler's own; each named
         * {@code <format>.<setting>}, as {@code avro.encoding}. A setting that names no format on the
         * class path, or that its format refuses, fails the build. The same as
         * {@code defaults(HandlerSettings.NONE.with(HandlerSettings.FORMAT, settings))}.
         */
        public Builder formatSettings(Map<String, String> settings) {
            return defaults(HandlerSettings.NONE.with(HandlerSettings.FORMAT, settings));
        }

        /**
         * What a tombstone (a record without a value) becomes in a handler whose payload parameter
         * does not take it (it is neither {@code @Nullable} nor {@code Optional}), unless the handler
         * says: {@link TombstonePolicy#SKIP} by default. The same as
         * {@code defaults(HandlerSettings.NONE.with(HandlerSettings.TOMBSTONES, tombstones))}.
         */
        public Builder tombstones(TombstonePolicy tombstones) {
            return defaults(HandlerSettings.NONE.with(HandlerSettings.TOMBSTONES, Objects.requireNonNull(tombstones, "tombstones")));
        }

        /**
         * Validates payload parameters annotated {@code @jakarta.validation.Valid}; a payload with
         * violations goes to the dead-letter topic unretried. Without one, {@code @Valid} fails the build.
         */
        public Builder payloadValidator(PayloadValidator payloadValidator) {
            this.payloadValidator = payloadValidator;
            return this;
        }

        /** Adds an interceptor that sees every handler call (tracing, for example); they run in the order added. */
        public Builder interceptor(HandlerInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Hears each record of each handler: received, handled (with its latency), retried,
         * failed, dead-lettered, and each output published; for metrics. One observer (combine
         * yours into one); its exceptions are logged and ignored.
         */
        public Builder observer(HandlerObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * What the autoscaling signal ({@link HandlerStatus#instancesNeeded()}, the observer's
         * {@code instancesNeeded}) aims at: workers' utilization, backlog drain time, measuring window.
         */
        public Builder scaling(ScalingSettings scaling) {
            this.scaling = Objects.requireNonNull(scaling, "scaling");
            return this;
        }

        /** How dead letters are redriven: how often one may be ({@link DeadLetters}). */
        public Builder redrive(RedriveSettings redrive) {
            this.redrive = Objects.requireNonNull(redrive, "redrive");
            return this;
        }

        /** For tests: consumers come from here (a {@code MockConsumer}) instead of Kafka. */
        public Builder consumerFactory(Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory) {
            clients.consumers(consumerFactory);
            return this;
        }

        /** For tests: producers come from here (a {@code MockProducer}) instead of Kafka. */
        public Builder producerFactory(Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory) {
            clients.producers(producerFactory);
            return this;
        }

        /** For tests: the admin client that checks and creates topics comes from here (a {@code MockAdminClient}). */
        public Builder adminFactory(Function<Map<String, Object>, Admin> adminFactory) {
            clients.admins(adminFactory);
            return this;
        }

        /**
         * A builder of an {@link RpcClient} that connects like this engine: its clients (servers,
         * client, consumer and producer properties), JSON mapper, topic settings and start timeout.
         * Set its reply topic, then build it.
         */
        public RpcClient.Builder rpcClient() {
            return RpcClient.builder().clients(clients.build()).jsonMapper(jsonMapper).topics(topicSettings)
                    .startTimeout(startTimeout);
        }

        /** Validates every handler and builds the engine; connects to nothing yet. */
        public KClient build() {
            KafkaClientFactory factory = clients.build();
            List<HandlerEndpoint> all = new ArrayList<>(endpoints);
            AnnotatedHandlerReader reader = new AnnotatedHandlerReader(placeholders);
            for (Object bean : annotatedBeans) {
                all.addAll(reader.read(bean, null, bean.getClass()));
            }
            PayloadConverters converters;
            try {
                converters = PayloadConverters.of(jsonMapper)
                        .withFormats(payloadFormats).withFormatSettings(defaults.over(HandlerSettings.DEFAULTS).get(HandlerSettings.FORMAT));
            } catch (IllegalArgumentException e) {
                throw new KClientConfigurationException(e.getMessage() + " (kclient.defaults.format)", e);
            }
            return new KClient(new EngineAssembly(factory, defaults, handlerSettings, topicSettings, converters, startTimeout)
                    .extensions(new HandlerExtensions(payloadValidator, interceptors)).observer(observer)
                    .scaling(scaling).redrive(redrive).assemble(all));
        }
    }
}
