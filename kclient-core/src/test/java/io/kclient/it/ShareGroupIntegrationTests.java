package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kclient.KClient;
import io.kclient.KClientConfigurationException;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.config.HandlerSettings;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.it.Animals.Cat;
import io.kclient.it.Animals.Dog;
import io.kclient.listener.DeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Handlers in share groups (work queues) on a real broker: members compete for the records of a
 * single partition, each record is handled once, and a failing record is released for another
 * delivery until the limit, then dead-lettered.
 */
class ShareGroupIntegrationTests {

    private static final AtomicInteger run = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String prefix = "share-" + run.incrementAndGet();
    private final List<KClient> instances = new ArrayList<>();
    private final TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());

    @AfterEach
    void tearDown() {
        instances.forEach(KClient::close);
        probe.close();
    }

    @Test
    void threeInstancesShareOnePartitionAndHandleEachRecordOnce() throws Exception {
        Map<String, List<String>> handledBy = new ConcurrentHashMap<>();
        for (int i = 1; i <= 3; i++) {
            start(new SlowWorkQueue("instance-" + i, handledBy));
        }
        awaitMembersWithPartitions("queue", 3);
        for (int i = 0; i < 300; i++) {
            probe.sendAsync(prefix + ".dogs", "same-key", "{\"id\":\"" + i + "\",\"name\":\"Rex\",\"age\":3}");
        }
        probe.flush();

        List<ConsumerRecord<byte[], byte[]>> cats = probe.awaitDistinctIds(prefix + ".cats", 300, WAIT);
        assertThat(cats.stream().map(TopicProbe::id).distinct()).as("every dog's cat").hasSize(300);
        assertThat(handledBy.values()).as("each dog handled by one instance, once").allSatisfy(by -> assertThat(by).hasSize(1));
        Map<String, Long> perInstance = handledBy.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
        System.out.printf("%s: records per instance %s%n", prefix, perInstance);
        assertThat(perInstance).as("the instances competed for one partition's records").hasSize(3);
    }

    @Test
    void aFailingRecordIsReleasedUntilItsLastDeliveryThenDeadLettered() {
        FlakyWorkQueue handler = new FlakyWorkQueue();
        start(handler);
        probe.send(prefix + ".dogs", "b", "{\"id\":\"bad\",\"name\":\"Bad\",\"age\":1}");
        probe.send(prefix + ".dogs", "f", "{\"id\":\"flaky\",\"name\":\"Flaky\",\"age\":1}");
        probe.send(prefix + ".dogs", "p", "not json");

        List<ConsumerRecord<byte[], byte[]>> letters = probe.readAtLeast(prefix + ".dogs.DLT", 2, WAIT);
        assertThat(letters).hasSize(2);
        ConsumerRecord<byte[], byte[]> bad = letters.stream().filter(r -> text(r.key()).equals("b")).findFirst().orElseThrow();
        assertThat(text(bad.headers().lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE).value())).isEqualTo("bad dog");
        assertThat(text(bad.headers().lastHeader(DeadLetterPublisher.ORIGINAL_TOPIC).value())).isEqualTo(prefix + ".dogs");
        assertThat(letters).anySatisfy(poison -> assertThat(text(poison.value())).isEqualTo("not json"));
        assertThat(probe.readAtLeast(prefix + ".cats", 1, WAIT)).singleElement()
                .satisfies(cat -> assertThat(text(cat.value())).contains("\"id\":\"flaky\""));
        assertThat(handler.calls).as("bad: three deliveries; flaky: failed once, then passed")
                .containsEntry("bad", 3).containsEntry("flaky", 2);
        assertThat(handler.errorHandled).as("the error handler ran once, for the bad dog").containsExactly("bad");
    }

    @Test
    void recordsSentBeforeTheGroupFirstStartedAreHandled() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(prefix + ".dogs", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 5; i++) {
            probe.send(prefix + ".dogs", "k" + i, "{\"id\":\"early-" + i + "\",\"name\":\"Rex\",\"age\":3}");
        }
        start(new FlakyWorkQueue());

        assertThat(probe.awaitDistinctIds(prefix + ".cats", 5, WAIT).stream().map(TopicProbe::id).distinct())
                .as("KClient set the new share group to read from the earliest record").hasSize(5);
    }

    @Test
    void aGroupIdAConsumerGroupHoldsFailsTheStartNamingTheFix() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(prefix + ".dogs", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets(prefix + "-taken", Map.of(new TopicPartition(prefix + ".dogs", 0), new OffsetAndMetadata(0)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> start(new TakenGroup())).isInstanceOf(KClientConfigurationException.class)
                .hasMessageContaining("bean 'takenGroup' method onDog(Dog) consumes in share group '" + prefix + "-taken'")
                .hasMessageContaining("kclient.handlers[takenGroup.onDog].group-id");
    }

    @Test
    void aHandlerSlowerThanTheLockKeepsItsRecordNoOtherMemberGetsIt() throws Exception {
        setLock(prefix + "-slow", Duration.ofSeconds(2));
        Map<String, List<String>> handledBy = new ConcurrentHashMap<>();
        KClient first = start(new SlowerThanTheLock("instance-1", handledBy), fastRetries());
        start(new SlowerThanTheLock("instance-2", handledBy), fastRetries());
        awaitMembersWithPartitions(prefix + "-slow", 2);
        probe.send(prefix + ".dogs", "s", "{\"id\":\"slow\",\"name\":\"Slow\",\"age\":1}");

        await().atMost(WAIT).until(() -> first.handler("slow-queue").inFlight()
                + instances.get(1).handler("slow-queue").inFlight() == 1);
        assertThat(probe.readAtLeast(prefix + ".cats", 1, WAIT)).singleElement()
                .satisfies(cat -> assertThat(text(cat.value())).contains("\"slow\""));
        probe.send(prefix + ".dogs", "t", "{\"id\":\"sentinel\",\"name\":\"Rex\",\"age\":1}");
        probe.awaitDistinctIds(prefix + ".cats", 2, WAIT);
        assertThat(handledBy.get("slow")).as("held 6 s under a 2 s lock, renewed: handled once, by one member").hasSize(1);
    }

    @Test
    void aFailingRecordIsDeliveredAgainNoSoonerThanItsBackoff() {
        Duration backoff = Duration.ofSeconds(2);
        FlakyWorkQueue handler = new FlakyWorkQueue();
        start(handler, fastRetries().withRetry(new RetrySettings(3, backoff, 1.0, backoff)));
        probe.send(prefix + ".dogs", "f", "{\"id\":\"flaky\",\"name\":\"Flaky\",\"age\":1}");

        assertThat(probe.readAtLeast(prefix + ".cats", 1, WAIT)).hasSize(1);
        List<Long> times = handler.callTimes.get("flaky");
        assertThat(times).hasSize(2);
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).as("the second delivery waited the backoff")
                .isGreaterThanOrEqualTo(backoff);
    }

    @Test
    void aShareGroupHandlerShowsTheGroupsLagItsRecordsInFlightAndItsConnection() {
        KClient kclient = start(new FlakyWorkQueue(), fastRetries());
        String id = "flakyWorkQueue.onDog";
        probe.send(prefix + ".dogs", "k", "{\"id\":\"first\",\"name\":\"Rex\",\"age\":1}");
        probe.readAtLeast(prefix + ".cats", 1, WAIT);
        kclient.pause(id);
        await().atMost(WAIT).until(() -> kclient.handler(id).state() == io.kclient.ContainerState.PAUSED);
        for (int i = 0; i < 20; i++) {
            probe.send(prefix + ".dogs", "k" + i, "{\"id\":\"d" + i + "\",\"name\":\"Rex\",\"age\":1}");
        }

        TopicPartition dogs = new TopicPartition(prefix + ".dogs", 0);
        await().atMost(WAIT).until(() -> kclient.handler(id).lag().getOrDefault(dogs, 0L) == 20);
        assertThat(kclient.handler(id).connected()).isTrue();
        kclient.resume(id);
        probe.awaitDistinctIds(prefix + ".cats", 21, WAIT);
        await().atMost(WAIT).until(() -> kclient.handler(id).lag().get(dogs) == 0 && kclient.handler(id).inFlight() == 0);
    }

    /** Sets the share group's record lock, shorter than the broker's 30 s, before its members start. */
    private static void setLock(String group, Duration lock) throws Exception {
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group),
                    List.of(new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", Long.toString(lock.toMillis())),
                            AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static HandlerSettings fastRetries() {
        return TestSettings.defaults().with(HandlerSettings.CONCURRENCY, 2).with(HandlerSettings.MAX_IN_FLIGHT, 10);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
    }

    /** Members of a share group get their assignment a heartbeat or two after they join. */
    private static void awaitMembersWithPartitions(String group, int members) throws Exception {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                ShareGroupDescription description = admin.describeShareGroups(List.of(group)).describedGroups().get(group)
                        .get(10, TimeUnit.SECONDS);
                if (description.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count() >= members) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("share group " + group + " did not get " + members + " members with partitions");
        }
    }

    private void start(Object handler) {
        start(handler, fastRetries());
    }

    private KClient start(Object handler, HandlerSettings defaults) {
        KClient kclient = KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(defaults)
                .topics(new TopicSettings(true, 1, (short) 1))
                .handlers(handler)
                .build();
        instances.add(kclient);
        kclient.start();
        return kclient;
    }

    /** Takes a few milliseconds per dog, so that no instance can take the whole queue alone. */
    @KafkaHandlers
    public static class SlowWorkQueue {

        private final String instance;
        private final Map<String, List<String>> handledBy;

        SlowWorkQueue(String instance, Map<String, List<String>> handledBy) {
            this.instance = instance;
            this.handledBy = handledBy;
        }

        @InputConsumer(id = "queue", topic = "${prefix}.dogs", shareGroup = true)
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) throws InterruptedException {
            handledBy.computeIfAbsent(dog.id(), id -> new CopyOnWriteArrayList<>()).add(instance);
            Thread.sleep(10);
            return Cat.of(dog);
        }
    }

    /** Takes three times the group's 2 s lock on the dog "slow". */
    @KafkaHandlers
    public static class SlowerThanTheLock {

        private final String instance;
        private final Map<String, List<String>> handledBy;

        SlowerThanTheLock(String instance, Map<String, List<String>> handledBy) {
            this.instance = instance;
            this.handledBy = handledBy;
        }

        @InputConsumer(id = "slow-queue", topic = "${prefix}.dogs", groupId = "${prefix}-slow", shareGroup = true)
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) throws InterruptedException {
            handledBy.computeIfAbsent(dog.id(), id -> new CopyOnWriteArrayList<>()).add(instance);
            if (dog.id().equals("slow")) {
                Thread.sleep(6_000);
            }
            return Cat.of(dog);
        }
    }

    /** In a share group whose id a consumer group already holds. */
    @KafkaHandlers
    public static class TakenGroup {

        @InputConsumer(topic = "${prefix}.dogs", groupId = "${prefix}-taken", shareGroup = true)
        public void onDog(Dog dog) {
        }
    }

    /** The dog "bad" always fails; "flaky" fails its first delivery only. */
    @KafkaHandlers
    public static class FlakyWorkQueue {

        final Map<String, Integer> calls = new ConcurrentHashMap<>();
        final Map<String, List<Long>> callTimes = new ConcurrentHashMap<>();
        final List<String> errorHandled = new CopyOnWriteArrayList<>();

        @InputConsumer(topic = "${prefix}.dogs", shareGroup = true)
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            callTimes.computeIfAbsent(dog.id(), id -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            int call = calls.merge(dog.id(), 1, Integer::sum);
            if (dog.id().equals("bad") || call == 1 && dog.id().equals("flaky")) {
                throw new IllegalStateException(dog.id() + " dog");
            }
            return Cat.of(dog);
        }

        @ErrorHandler(exception = IllegalStateException.class)
        public void onBadDog(IllegalStateException e, Dog dog) {
            errorHandled.add(dog.id());
        }
    }
}
