package io.kclient.it;

import io.kclient.KClient;
import io.kclient.KafkaPublisher;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaKey;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The application {@link JoinedSendsCrashIntegrationTests} kills, in a JVM of its own: a handler
 * that publishes each dog's announcement through the publisher and returns nothing. Its producers
 * hold back, never sending, every record whose key is the one given: that send is never
 * acknowledged, as when the broker is slow to answer. Arguments: bootstrap servers, topic prefix,
 * the key to hold back (or {@code none}).
 */
public final class JoinedSendsTestApp {

    /** Dogs in, announcements out through the publisher, nothing returned. */
    public static final class Announcer {

        volatile KafkaPublisher publisher;

        @InputConsumer(id = "announcer", topic = "${prefix}.dogs")
        public void onDog(String dog, @KafkaKey String key) {
            publisher.send(System.getProperty("kclient.test.prefix") + ".announcements", key, dog + " arrived");
            System.out.println("HANDLER RETURNED " + key);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String prefix = args[1];
        String heldKey = args[2];
        System.setProperty("kclient.test.prefix", prefix);
        Announcer announcer = new Announcer();
        KClient kclient = KClient.builder()
                .bootstrapServers(args[0])
                .placeholders(value -> value.replace("${prefix}", prefix))
                .topics(new TopicSettings(true, 1, (short) 1))
                // static membership: the next instance takes the killed one's place (and partition) as it joins,
                // instead of waiting for the killed one's session to time out
                .consumerProperties(Map.of("group.instance.id", "joined-sends-app", "session.timeout.ms", 6000,
                        "heartbeat.interval.ms", 1000))
                .producerFactory(config -> holdingBack(heldKey, new KafkaProducer<>(config, new ByteArraySerializer(),
                        new ByteArraySerializer())))
                .handlers(announcer)
                .build();
        announcer.publisher = kclient.publisher();
        Runtime.getRuntime().addShutdownHook(new Thread(kclient::close));
        kclient.start();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The producer, except that a record with {@code heldKey} is never sent and never acknowledged. */
    @SuppressWarnings("unchecked")
    private static Producer<byte[], byte[]> holdingBack(String heldKey, Producer<byte[], byte[]> producer) {
        return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(), new Class<?>[] {Producer.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("send") && arguments[0] instanceof ProducerRecord<?, ?> record
                            && record.key() instanceof byte[] key && heldKey.equals(new String(key, StandardCharsets.UTF_8))) {
                        System.out.println("HELD BACK " + heldKey);
                        return new CompletableFuture<>();
                    }
                    return method.invoke(producer, arguments);
                });
    }

    private JoinedSendsTestApp() {
    }
}
