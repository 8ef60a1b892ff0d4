package io.kclient.bench.contender;

import io.kclient.Ordering;
import java.util.List;

/** The contenders by name. */
public final class Contenders {

    public static final List<String> NAMES = List.of("hand-written", "kclient-key", "kclient-partition", "kclient-none",
            "kclient-batch", "spring-kafka", "parallel-consumer");

    private Contenders() {
    }

    /** A new, unstarted contender. */
    public static Contender create(String name) {
        return switch (name) {
            case "hand-written" -> new HandWrittenContender();
            case "kclient-key" -> new KClientContender(Ordering.KEY, false);
            case "kclient-partition" -> new KClientContender(Ordering.PARTITION, false);
            case "kclient-none" -> new KClientContender(Ordering.NONE, false);
            case "kclient-batch" -> new KClientContender(Ordering.KEY, true);
            case "spring-kafka" -> new SpringKafkaContender();
            case "parallel-consumer" -> new ParallelConsumerContender();
            default -> throw new IllegalArgumentException("Unknown contender '" + name + "': one of " + NAMES);
        };
    }
}
