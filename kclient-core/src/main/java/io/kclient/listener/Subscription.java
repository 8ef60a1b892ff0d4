package io.kclient.listener;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a container's consumer subscribes to: named topics or a pattern.
 *
 * @param topics the topics, empty when a pattern is given
 * @param pattern a topic pattern, or {@code null}
 */
public record Subscription(List<String> topics, Pattern pattern) {

    public Subscription {
        topics = List.copyOf(topics);
        if (topics.isEmpty() == (pattern == null)) {
            throw new IllegalArgumentException("Subscribe to topics or to a pattern");
        }
    }

    @Override
    public String toString() {
        return pattern != null ? "pattern " + pattern.pattern() : String.join(",", topics);
    }
}
