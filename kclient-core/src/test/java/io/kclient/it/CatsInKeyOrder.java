package io.kclient.it;

import static io.kclient.embedded.testing.TopicProbe.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.embedded.testing.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The check every streaming test ends with: dogs numbered 0..n-1, keyed round robin, each made
 * into a cat with the same id. At-least-once output may repeat a cat, so order is judged on each
 * cat's first appearance: per key, first appearances must rise.
 */
final class CatsInKeyOrder {

    private CatsInKeyOrder() {
    }

    /** Waits for a cat of every dog on {@code topic}, then asserts them complete and in key order; returns them. */
    static List<ConsumerRecord<byte[], byte[]>> assertComplete(TopicProbe probe, String topic, int dogs, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> cats = probe.awaitDistinctIds(topic, dogs, timeout);
        Set<Integer> seen = new HashSet<>();
        Map<String, Integer> lastFirstSeen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> cat : cats) {
            int id = Integer.parseInt(TopicProbe.id(cat));
            if (seen.add(id)) {
                Integer previous = lastFirstSeen.put(text(cat.key()), id);
                assertThat(previous == null || previous < id).as("key %s: cat %s after %s", text(cat.key()), id, previous).isTrue();
            }
        }
        assertThat(seen).as("every dog has its cat").hasSize(dogs);
        System.out.printf("%s: %d cats for %d dogs (%d duplicates)%n", topic, cats.size(), dogs, cats.size() - dogs);
        return cats;
    }
}
