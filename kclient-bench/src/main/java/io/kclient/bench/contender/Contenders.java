package io.kclient.bench.contender;

import io.kclient.Ordering;
import java.util.List;

/** The contenders by name. */
public final class Contenders {

    public static final List<String> NAMES = List.of("hand-written", "kclient-key", "kclient-partition", "kclient-none",
            "spring-kafka", "parallel-consumer");

    private Contenders() {
    }

    /** A new, unstarted contender. */
    public static Contender create(String name) {
        return switch (name) {
            case "hand-written" -> new HandWrittenContender();
            case "kclient-key" -> new KClientContender(Ordering.KEY);
            case "kclient-partition" -> new KClientContender(Ordering.PARTITION);
            case "kclient-none" -> new KClientContender(Ordering.NONE);
            case "spring-kafka" -> new SpringKafkaContender();
            case "parallel-consumer" -> new ParallelConsumerContender();
            default -> throw new IllegalArgumentException("Unknown contender '" + name + "': one of " + NAMES);
        };
    }
}
