package io.kclient.sample;

import io.kclient.embedded.testing.SharedKafka;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs the sample on the test JVM's shared broker instead of one of its own, with topics and
 * consumer groups named after the test ({@code <prefix>.dogs}, {@code <prefix>.cats}), so that
 * the sample's instances of several tests (Spring keeps their contexts running) never share a
 * record or a group.
 */
final class OnSharedKafka {

    private OnSharedKafka() {
    }

    /** The sample's settings for a test whose topics start with {@code prefix}. */
    static Map<String, String> properties(String prefix) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kclient.bootstrap-servers", SharedKafka.bootstrapServers());
        properties.put("sample.topics.dogs", prefix + ".dogs");
        properties.put("sample.topics.cats", prefix + ".cats");
        properties.put("kclient.handlers.dogs.group-id", prefix + ".dogs");
        properties.put("kclient.handlers.cats.group-id", prefix + ".cats");
        return properties;
    }

    /** For a {@code @DynamicPropertySource} method of a {@code @SpringBootTest}. */
    static void register(DynamicPropertyRegistry registry, String prefix) {
        properties(prefix).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** As command-line arguments of {@code SpringApplicationBuilder.run}, followed by {@code more}. */
    static String[] arguments(String prefix, String... more) {
        return java.util.stream.Stream.concat(properties(prefix).entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()),
                java.util.stream.Stream.of(more)).toArray(String[]::new);
    }
}
