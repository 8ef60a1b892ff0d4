package io.kclient.listener;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;

/**
 * Asks the broker what a share consumer does not know itself: how far behind its share group is,
 * and how many members it has.
 */
@FunctionalInterface
public interface ShareGroupProbe {

    /** Knows nothing: for tests without a broker. */
    ShareGroupProbe NONE = () -> CompletableFuture.completedFuture(Backlog.UNKNOWN);

    /** Asks; the stage completes when the broker answered (exceptionally if it did not). */
    CompletionStage<Backlog> probe();

    /**
     * A share group as the broker last reported it.
     *
     * @param lag records not yet delivered and acknowledged, per partition the group reads
     * @param members the group's members, every instance's consumer of the handler; 0 when not known
     */
    record Backlog(Map<TopicPartition, Long> lag, int members) {

        public static final Backlog UNKNOWN = new Backlog(Map.of(), 0);

        public Backlog {
            lag = Map.copyOf(lag);
        }
    }
}
