package io.kclient.listener;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the log about failed asynchronous commits once per outage. While the broker cannot take
 * commits every loop's commit fails, and under backpressure a loop takes a millisecond: a warning
 * each would be hundreds of lines a second. So the first failure is a warning, the next ones are
 * DEBUG, and the first commit that works again ends the outage with a summary. Used on the poll
 * thread only.
 */
final class CommitOutageLog {

    private static final Logger log = LoggerFactory.getLogger(CommitOutageLog.class);

    private final String handlerId;
    private int failures;
    private long sinceNanos;

    CommitOutageLog(String handlerId) {
        this.handlerId = handlerId;
    }

    /** An asynchronous commit of {@code partitions} failed; the next loop's commit carries their offsets again. */
    void failed(Collection<TopicPartition> partitions, Exception error) {
        if (failures++ == 0) {
            sinceNanos = System.nanoTime();
            log.warn("Handler '{}' could not commit {} ({}); the next commits carry their offsets again, and further "
                    + "failures are logged at DEBUG until one works", handlerId, partitions, error.toString());
        } else {
            log.debug("Handler '{}' could not commit {} again", handlerId, partitions, error);
        }
    }

    /** An asynchronous commit worked: ends the outage, if there was one. */
    void ended() {
        if (failures > 0) {
            log.info("Handler '{}' commits again, after {} failed commits in {}", handlerId, failures,
                    Duration.ofNanos(System.nanoTime() - sinceNanos).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            failures = 0;
        }
    }
}
