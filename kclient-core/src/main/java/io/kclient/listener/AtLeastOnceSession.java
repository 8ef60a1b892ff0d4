package io.kclient.listener;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * A poll session that commits through its consumer: an offset only once every record below it is
 * done, asynchronously every loop, and synchronously, naming every done record above it, when
 * partitions are revoked and when the container stops.
 */
final class AtLeastOnceSession extends PollSession {

    private final OffsetCommitter committer;

    AtLeastOnceSession(HandlerContainer container, Consumer<byte[], byte[]> consumer, Workers workers, int lanesPerWorker) {
        super(container, consumer, workers, lanesPerWorker);
        this.committer = new OffsetCommitter(id, consumer, settings.shutdownTimeout());
    }

    @Override
    protected void commit() {
        committer.commitAsync(partitions());
    }

    @Override
    protected boolean namesDone() {
        return committer.namesDone();
    }

    /** Revoked: running records finished (or the wait ended); what is done is committed before the partitions go. */
    @Override
    protected void going(Collection<AssignedPartition> going) {
        committer.commitOnRelease(going);
    }

    @Override
    protected void drain() {
        List<AssignedPartition> owned = List.copyOf(partitions());
        release(owned);
        awaitSettledOrWarn(owned);
        committer.commitOnRelease(owned);
    }
}
