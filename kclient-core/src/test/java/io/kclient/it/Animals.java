package io.kclient.it;

import io.kclient.Delivery;
import io.kclient.Message;
import io.kclient.RecordCoordinates;
import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaHeader;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.KafkaMetadata;
import io.kclient.annotation.OutputProducer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/** Handlers of every parameter and return type, all publishing to {@code ${prefix}.out}. */
final class Animals {

    record Dog(String id, String name, int age) {
    }

    record Cat(String id, String name, int age) {
        static Cat of(Dog dog) {
            return new Cat(dog.id(), dog.name(), dog.age());
        }
    }

    @KafkaHandlers
    public static class AllTypes {

        @InputConsumer(topic = "${prefix}.pojo")
        @OutputProducer(topic = "${prefix}.out")
        public Cat pojo(Dog dog) {
            return Cat.of(dog);
        }

        @InputConsumer(topic = "${prefix}.text")
        @OutputProducer(topic = "${prefix}.out")
        public String text(String raw) {
            return "text:" + raw;
        }

        @InputConsumer(topic = "${prefix}.bytes")
        @OutputProducer(topic = "${prefix}.out")
        public byte[] bytes(byte[] raw) {
            return ("bytes:" + raw.length).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @InputConsumer(topic = "${prefix}.tree")
        @OutputProducer(topic = "${prefix}.out")
        public JsonNode tree(JsonNode tree) {
            return tree.get("name");
        }

        @InputConsumer(topic = "${prefix}.list")
        @OutputProducer(topic = "${prefix}.out")
        public List<Cat> list(List<Dog> dogs) {
            return dogs.stream().map(Cat::of).toList();
        }

        @InputConsumer(topic = "${prefix}.xml")
        @OutputProducer(topic = "${prefix}.out")
        public String xml(Document document) {
            return "xml:" + document.getDocumentElement().getTagName();
        }

        @InputConsumer(topic = "${prefix}.record")
        @OutputProducer(topic = "${prefix}.out")
        public Message<Cat> record(ConsumerRecord<String, Dog> record, @KafkaHeader("trace") String trace,
                @KafkaMetadata RecordCoordinates coordinates) {
            return Message.of(Cat.of(record.value())).key("re-" + record.key()).header("trace", trace)
                    .header("from", coordinates.topic() + "@" + coordinates.offset());
        }

        @InputConsumer(topic = "${prefix}.async")
        @OutputProducer(topic = "${prefix}.out")
        public CompletableFuture<Cat> async(Dog dog, @KafkaKey String key) {
            return CompletableFuture.supplyAsync(() -> new Cat(key + ":" + dog.id(), dog.name(), dog.age()));
        }

        @InputConsumer(topic = "${prefix}.void")
        public void sink(Dog dog) {
        }
    }

    @KafkaHandlers
    public static class Failing {

        final List<String> errorHandlerSaw = new CopyOnWriteArrayList<>();

        @InputConsumer(topic = "${prefix}.dogs")
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            if (dog.age() < 0) {
                throw new IllegalArgumentException("negative age: " + dog.age());
            }
            return Cat.of(dog);
        }

        @ErrorHandler(exception = IllegalArgumentException.class)
        public void onBadDog(IllegalArgumentException e, Dog dog) {
            errorHandlerSaw.add(dog.id() + ":" + e.getMessage());
        }
    }

    /** Dogs to cats, but a dog named "Stuck" holds its worker until {@link #release} (or 30 s). */
    @KafkaHandlers
    public static class StuckOnOne {

        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final List<String> handled = new CopyOnWriteArrayList<>();

        @InputConsumer(topic = "${prefix}.dogs")
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) throws InterruptedException {
            handled.add(dog.id());
            if (dog.name().equals("Stuck")) {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            return Cat.of(dog);
        }
    }

    /** {@link Failing}'s dogs to cats, exactly once. */
    @KafkaHandlers
    public static class ExactlyOnce {

        private final Failing delegate = new Failing();

        @InputConsumer(topic = "${prefix}.dogs", delivery = Delivery.EXACTLY_ONCE)
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            return delegate.onDog(dog);
        }
    }

    /** {@link Failing}'s dogs to cats, a list of one partition's dogs per call; a dog of negative age fails alone. */
    @KafkaHandlers
    public static class Batch {

        @InputConsumer(topic = "${prefix}.dogs", batch = true)
        @OutputProducer(topic = "${prefix}.cats")
        public List<Cat> onDogs(List<Dog> dogs) {
            return cats(dogs);
        }

        static List<Cat> cats(List<Dog> dogs) {
            List<Cat> cats = new java.util.ArrayList<>(dogs.size());
            for (int i = 0; i < dogs.size(); i++) {
                if (dogs.get(i).age() < 0) {
                    throw new io.kclient.BatchFailedException(i, new IllegalArgumentException("negative age: " + dogs.get(i).age()), cats);
                }
                cats.add(Cat.of(dogs.get(i)));
            }
            return cats;
        }
    }

    /** {@link Batch}'s dogs to cats, exactly once: a poll's lists in one transaction. */
    @KafkaHandlers
    public static class BatchExactlyOnce {

        @InputConsumer(topic = "${prefix}.dogs", batch = true, delivery = Delivery.EXACTLY_ONCE)
        @OutputProducer(topic = "${prefix}.cats")
        public List<Cat> onDogs(List<Dog> dogs) {
            return Batch.cats(dogs);
        }
    }

    /** Dogs to cats, except that a dog named "huge" makes a cat larger than any broker takes. */
    @KafkaHandlers
    public static class Oversized {

        static final int HUGE = 200_000;

        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @InputConsumer(topic = "${prefix}.dogs", delivery = Delivery.AT_LEAST_ONCE)
        @OutputProducer(topic = "${prefix}.cats")
        public Cat onDog(Dog dog) {
            calls.incrementAndGet();
            return dog.name().equals("huge") ? new Cat(dog.id(), "x".repeat(HUGE), dog.age()) : Cat.of(dog);
        }
    }

    private Animals() {
    }
}
