package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.Delivery;
import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.Replies;
import io.kclient.config.RetrySettings;
import io.kclient.config.TestSettings;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.it.Animals.Cat;
import io.kclient.it.Animals.Dog;
import io.kclient.listener.DeadLetterPublisher;
import io.kclient.rpc.RemoteHandlerException;
import io.kclient.rpc.RpcClient;
import io.kclient.rpc.RpcTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request/reply end to end on the in-process broker: calls, casts, timeouts, remote failures, several instances. */
class RpcIntegrationTests {

    private static final AtomicInteger testNumber = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Kennel kennel = new Kennel();
    private String prefix;
    private TopicProbe probe;

    /** Dogs to cats; a dog named "sleepy" takes two seconds. */
    @KafkaHandlers
    public static class Kennel {

        final AtomicInteger adoptions = new AtomicInteger();

        @InputConsumer(topic = "${prefix}.dogs")
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) throws InterruptedException {
            if (dog.age() < 0) {
                throw new IllegalArgumentException("negative age: " + dog.age());
            }
            if (dog.name().equals("sleepy")) {
                Thread.sleep(2000);
            }
            return Cat.of(dog);
        }

        @InputConsumer(topic = "${prefix}.walks")
        public void walk(Dog dog) {
        }

        @InputConsumer(topic = "${prefix}.exact", delivery = Delivery.EXACTLY_ONCE)
        @Replies
        public Cat exactly(Dog dog) {
            if (dog.age() < 0) {
                throw new IllegalArgumentException("negative age: " + dog.age());
            }
            return Cat.of(dog);
        }

        @InputConsumer(topic = "${prefix}.adoptions")
        @Replies
        public Cat adopt(Dog dog) {
            adoptions.incrementAndGet();
            return Cat.of(dog);
        }
    }

    @BeforeEach
    void setUp() {
        prefix = "rpc-" + testNumber.incrementAndGet();
        probe = new TopicProbe(SharedKafka.bootstrapServers());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        probe.close();
    }

    private KClient.Builder engine() {
        return KClient.builder()
                .bootstrapServers(SharedKafka.bootstrapServers())
                .placeholders(value -> value.replace("${prefix}", prefix))
                .defaults(TestSettings.defaults().withRetry(new RetrySettings(2, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1))))
                .topics(new TopicSettings(true, 2, (short) 1));
    }

    private KClient startEngine() {
        KClient kclient = engine().handlers(kennel).build();
        running.add(kclient);
        kclient.start();
        return kclient;
    }

    private RpcClient client(String replyTopic) {
        RpcClient client = engine().rpcClient().replyTopic(replyTopic).build();
        running.add(client);
        return client;
    }

    @Test
    void aCallGetsTheHandlersReturnValueAndNothingGoesToTheOutputTopic() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        Cat cat = rpc.call(prefix + ".dogs", "d1", new Dog("d1", "Rex", 3), Cat.class, WAIT);

        assertThat(cat).isEqualTo(new Cat("d1", "Rex", 3));
        assertThat(rpc.pendingCalls()).isZero();
        assertThat(probe.readAll(prefix + ".cats")).as("a reply belongs to its caller").isEmpty();
    }

    @Test
    void callAsyncCompletesWithTheReplyAndAVoidHandlerAnswersNull() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        CompletableFuture<Cat> cat = rpc.callAsync(prefix + ".dogs", "d1", new Dog("d1", "Rex", 3), Cat.class, WAIT);
        CompletableFuture<Void> walked = rpc.callAsync(prefix + ".walks", "d1", new Dog("d1", "Rex", 3), Void.class, WAIT);

        assertThat(cat.join()).isEqualTo(new Cat("d1", "Rex", 3));
        assertThat(walked.join()).isNull();
    }

    @Test
    void aCastPublishesTheOutputAsAnyRecordWould() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        assertThat(rpc.cast(prefix + ".dogs", "d1", new Dog("d1", "Rex", 3)).join().topic()).isEqualTo(prefix + ".dogs");

        List<ConsumerRecord<byte[], byte[]>> cats = probe.readAtLeast(prefix + ".cats", 1, WAIT);
        assertThat(cats).singleElement().satisfies(cat -> assertThat(text(cat.key())).isEqualTo("d1"));
    }

    @Test
    void aRepliesOnlyHandlerAnswersCallsAndDropsTheResultOfCasts() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        rpc.cast(prefix + ".adoptions", "d1", new Dog("d0", "Rex", 3)).join();
        assertThat(rpc.call(prefix + ".adoptions", "d1", new Dog("d1", "Rex", 3), Cat.class, WAIT)).isEqualTo(new Cat("d1", "Rex", 3));

        assertThat(kennel.adoptions).as("the cast, of the same key, was handled first; its result dropped").hasValue(2);
    }

    @Test
    void anExactlyOnceHandlerAnswersWhenItsTransactionCommits() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        assertThat(rpc.call(prefix + ".exact", "d1", new Dog("d1", "Rex", 3), Cat.class, WAIT)).isEqualTo(new Cat("d1", "Rex", 3));
        assertThatThrownBy(() -> rpc.call(prefix + ".exact", "bad", new Dog("bad", "Rex", -1), Cat.class, WAIT))
                .isInstanceOfSatisfying(RemoteHandlerException.class,
                        e -> assertThat(e.remoteMessage()).isEqualTo("negative age: -1"));
    }

    @Test
    void aHandlerFailingForGoodAnswersWithItsErrorAndTheRequestIsDeadLettered() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        assertThatThrownBy(() -> rpc.call(prefix + ".dogs", "bad", new Dog("bad", "Rex", -1), Cat.class, WAIT))
                .isInstanceOfSatisfying(RemoteHandlerException.class, e -> {
                    assertThat(e.remoteExceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
                    assertThat(e.remoteMessage()).isEqualTo("negative age: -1");
                    assertThat(e.topic()).isEqualTo(prefix + ".dogs");
                })
                .hasMessageContaining("negative age: -1");
        assertThat(probe.readAtLeast(prefix + ".dogs.DLT", 1, WAIT)).singleElement().satisfies(letter ->
                assertThat(text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE).value()))
                        .isEqualTo("negative age: -1"));
    }

    @Test
    void anUnreadableRequestIsAnsweredWithTheConversionError() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        assertThatThrownBy(() -> rpc.call(prefix + ".dogs", "k", "{not json", Cat.class, WAIT))
                .isInstanceOfSatisfying(RemoteHandlerException.class, e -> assertThat(e.remoteExceptionClass())
                        .isEqualTo("io.kclient.convert.PayloadConversionException"));
    }

    @Test
    void noReplyWithinTheTimeoutIsARpcTimeoutException() {
        startEngine();
        RpcClient rpc = client(prefix + ".replies");

        long start = System.nanoTime();
        assertThatThrownBy(() -> rpc.call(prefix + ".dogs", "z", new Dog("z", "sleepy", 3), Cat.class, Duration.ofMillis(500)))
                .isInstanceOfSatisfying(RpcTimeoutException.class, e -> {
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
                    assertThat(e.topic()).isEqualTo(prefix + ".dogs");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
        assertThat(rpc.pendingCalls()).isZero();
        // the late reply is ignored, and the client keeps answering later calls
        assertThat(rpc.call(prefix + ".dogs", "d2", new Dog("d2", "Fido", 5), Cat.class, WAIT)).isEqualTo(new Cat("d2", "Fido", 5));
    }

    @Test
    void repliesFromSeveralInstancesReachTheInstanceThatCalled() {
        startEngine();
        startEngine(); // a second application instance, in the same consumer group
        RpcClient first = client(prefix + ".replies.first");
        RpcClient second = client(prefix + ".replies.second");
        RpcClient sharing = client(prefix + ".replies.second"); // a shared reply topic by mistake still works

        List<CompletableFuture<Cat>> calls = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            RpcClient caller = List.of(first, second, sharing).get(i % 3);
            String id = "c" + i + "-" + caller.replyTopic();
            calls.add(caller.callAsync(prefix + ".dogs", "k" + i, new Dog(id, "Rex", i), Cat.class, WAIT));
            expected.add(id);
        }

        assertThat(calls.stream().map(CompletableFuture::join).map(Cat::id).toList()).isEqualTo(expected);
        assertThat(List.of(first, second, sharing)).allSatisfy(client -> assertThat(client.pendingCalls()).isZero());
    }
}
