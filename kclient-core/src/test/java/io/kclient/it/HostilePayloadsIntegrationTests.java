package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.admin.TopicSettings;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.convert.Gadget;
import io.kclient.embedded.testing.SharedKafka;
import io.kclient.embedded.testing.TopicProbe;
import io.kclient.listener.DeadLetterPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/**
 * Attacks sent through a real broker to handlers of every kind of payload parameter: a class named
 * by the message is never instantiated (the record is plain data or a dead letter), XML entities
 * read no file, and what is too deep, too big or too large becomes a dead letter with its reason
 * while the partition keeps flowing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostilePayloadsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GADGETS = "io.kclient.convert.Gadget java.net.URL javax.naming.InitialContext "
            + "org.springframework.context.support.ClassPathXmlApplicationContext";

    @TempDir
    Path dir;

    public static class Pojo {
        public String name;
        public Object extra;
    }

    @KafkaHandlers
    public static class Targets {

        final List<Object> received = new CopyOnWriteArrayList<>();

        @InputConsumer(id = "pojo", topic = "hostile.pojo")
        public void pojo(Pojo pojo) {
            received.add(pojo);
        }

        @InputConsumer(id = "map", topic = "hostile.map")
        public void map(Map<String, Object> map) {
            received.add(map);
        }

        @InputConsumer(id = "tree", topic = "hostile.tree")
        public void tree(JsonNode tree) {
            received.add(tree);
        }

        @InputConsumer(id = "xml", topic = "hostile.xml")
        public void xml(Document document) {
            received.add(document);
        }

        @InputConsumer(id = "small", topic = "hostile.small")
        public void small(String text) {
            received.add(text);
        }
    }

    @Test
    void attacksAreDataOrDeadLettersAndNothingElseHappens() throws Exception {
        Gadget.USES.set(0);
        Targets targets = new Targets();
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        try (TopicProbe probe = new TopicProbe(SharedKafka.bootstrapServers());
                KClient kclient = KClient.builder()
                        .bootstrapServers(SharedKafka.bootstrapServers())
                        .topics(new TopicSettings(true, 1, (short) 1))
                        .handlers(targets)
                        .endpoint(io.kclient.config.HandlerEndpoint.builder(targets, Targets.class.getMethod("small", String.class))
                                .id("tiny").topics("hostile.tiny").with(io.kclient.config.HandlerSettings.MAX_PAYLOAD_BYTES, 16).build())
                        .build()) {
            kclient.start();

            int plain = 0;
            for (String gadget : GADGETS.split(" ")) {
                String object = "{\"@class\":\"" + gadget + "\",\"@type\":\"" + gadget + "\",\"name\":\"x\","
                        + "\"extra\":[\"" + gadget + "\",{\"command\":\"calc\"}]}";
                probe.send("hostile.pojo", gadget, object);
                probe.send("hostile.map", gadget, object);
                probe.send("hostile.tree", gadget, object);
                plain += 3;
            }
            probe.send("hostile.tree", "deep", "[".repeat(100_000) + "]".repeat(100_000));
            probe.send("hostile.map", "number", "{\"n\":" + "9".repeat(100_000) + "}");
            probe.send("hostile.xml", "xxe", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + secret.toUri()
                    + "\">]><d>&x;</d>");
            probe.send("hostile.xml", "laughs", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>");
            probe.send("hostile.small", "big", "x".repeat(500_000)); // under the default limit: handled
            probe.send("hostile.tiny", "big", "seventeen bytes!!");
            // what follows each attack on its partition still flows
            probe.send("hostile.tree", "after", "{\"ok\":true}");
            probe.send("hostile.xml", "after", "<ok/>");
            probe.send("hostile.tiny", "after", "ok");

            Map<String, String> dead = deadLetters(probe);
            assertThat(dead).containsOnlyKeys("deep", "number", "xxe", "laughs", "big");
            assertThat(dead.get("deep")).contains("PayloadConversionException").contains("nesting depth");
            assertThat(dead.get("number")).contains("PayloadConversionException").contains("Number value length");
            assertThat(dead.get("xxe")).contains("PayloadConversionException").contains("DOCTYPE").doesNotContain("TOP-SECRET-42");
            assertThat(dead.get("laughs")).contains("PayloadConversionException").contains("DOCTYPE");
            assertThat(dead.get("big")).contains("PayloadTooLargeException").contains("17 bytes").contains("16 bytes");

            int total = plain + 4; // three "after" records and the 500,000 bytes under the default limit
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (targets.received.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(targets.received).hasSize(total);
            assertThat(targets.received).filteredOn(Pojo.class::isInstance)
                    .allSatisfy(pojo -> assertThat(((Pojo) pojo).extra).isInstanceOf(List.class));
            assertThat(Gadget.USES).as("gadget instantiations").hasValue(0);
        }
    }

    /** Dead letters by key: the exception class and message of each, once all expected arrived. */
    private static Map<String, String> deadLetters(TopicProbe probe) {
        Map<String, Integer> expected = Map.of("hostile.tree.DLT", 1, "hostile.map.DLT", 1, "hostile.xml.DLT", 2,
                "hostile.tiny.DLT", 1);
        List<ConsumerRecord<byte[], byte[]>> all = new java.util.ArrayList<>();
        expected.forEach((topic, count) -> all.addAll(probe.readAtLeast(topic, count, WAIT)));
        assertThat(all).hasSize(5);
        return all.stream().collect(Collectors.toMap(letter -> text(letter.key()),
                letter -> text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_CLASS).value()) + ": "
                        + text(letter.headers().lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE).value())));
    }
}
