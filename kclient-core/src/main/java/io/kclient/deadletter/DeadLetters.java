package io.kclient.deadletter;

import io.kclient.deadletter.RedriveRefusedException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of an engine's handlers: listed newest first, and redriven back to the topics
 * they failed on ({@link RedriveSelection} says which, {@link RedriveResult} what happened). Got
 * from {@code KClient.deadLetters()}. One redrive of a handler runs at a time: in this application
 * a second is refused, in another instance it fences the first.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Map<String, DeadLetterSource> sources;
    private final RedriveSettings settings;
    private final RedriveClients clients;
    private final Duration timeout;
    private final Set<String> redriving = ConcurrentHashMap.newKeySet();

    /**
     * @param sources each handler's dead-letter topics, by handler id
     * @param settings how often a dead letter may be redriven
     * @param clients the Kafka clients, connected as the handlers are
     * @param timeout how long a read of the dead-letter topics may wait for the broker
     */
    public DeadLetters(Map<String, DeadLetterSource> sources, RedriveSettings settings, RedriveClients clients, Duration timeout) {
        this.sources = Map.copyOf(sources);
        this.settings = settings;
        this.clients = clients;
        this.timeout = timeout;
    }

    public RedriveSettings settings() {
        return settings;
    }

    /**
     * The handler's newest dead letters, newest first: at most {@code limit}, from 1 to
     * {@link RedriveSettings#MAX_PAGE}. The newest {@code limit} records of each dead-letter
     * partition are read, so where handlers share a dead-letter topic a page may hold fewer.
     *
     * @throws RedriveRefusedException for an unknown handler, one without a known dead-letter topic, or a bad limit
     */
    public List<DeadLetter> list(String handlerId, int limit) {
        DeadLetterSource source = source(handlerId);
        if (limit < 1 || limit > RedriveSettings.MAX_PAGE) {
            throw new RedriveRefusedException(Reason.INVALID, "limit must be between 1 and " + RedriveSettings.MAX_PAGE + ", was "
                    + limit);
        }
        List<DeadLetter> letters = new ArrayList<>();
        try (DeadLetterScan scan = new DeadLetterScan(clients.reader(source.redriveGroup()), source.topics(), timeout)) {
            for (TopicPartition partition : scan.partitions()) {
                RedriveLedger ledger = scan.ledger(partition);
                long end = scan.end(partition);
                scan.read(partition, Math.max(0, end - limit), end, record -> {
                    if (DeadLetter.belongsTo(record, handlerId)) {
                        letters.add(DeadLetter.of(record, ledger.isDone(record.offset())));
                    }
                });
            }
        }
        return letters.stream().sorted(Comparator.comparing(DeadLetter::deadLetteredAt).thenComparing(DeadLetter::offset).reversed())
                .limit(limit).toList();
    }

    /**
     * Sends the handler's dead letters that {@code selection} meets back to their topics, with
     * {@link RedriveHeaders}; returns when they are sent and committed.
     *
     * @throws RedriveRefusedException before sending anything: an unknown handler, another redrive
     *     of it running here, or dead letters of the selection past max-redrives
     * @throws io.kclient.KClientException when the broker failed it midway: what was committed
     *     before stays committed, and running the redrive again sends the rest, nothing twice
     */
    public RedriveResult redrive(String handlerId, RedriveSelection selection) {
        DeadLetterSource source = source(handlerId);
        if (!redriving.add(handlerId)) {
            throw new RedriveRefusedException(Reason.CONFLICT, "A redrive of handler '" + handlerId
                    + "' is running in this application: wait for its answer, then run this one");
        }
        try {
            RedriveResult result = new Redrive(source, selection, settings, clients, timeout).run();
            log.info("{} (selection {})", result.message(), selection);
            return result;
        } catch (RuntimeException e) {
            log.warn("Redrive of handler '{}' ({}): {}", handlerId, selection, e.getMessage());
            throw e;
        } finally {
            redriving.remove(handlerId);
        }
    }

    private DeadLetterSource source(String handlerId) {
        DeadLetterSource source = sources.get(handlerId);
        if (source == null) {
            throw new RedriveRefusedException(Reason.INVALID, "No handler has id '" + handlerId + "'; the handler ids are "
                    + sources.keySet().stream().sorted().toList());
        }
        if (source.topics().isEmpty()) {
            throw new RedriveRefusedException(Reason.INVALID, "Handler '" + handlerId + "' reads a topic pattern and has no "
                    + "dead-letter topic of its own, so which topics hold its dead letters is not known: give it one "
                    + "(kclient.handlers." + handlerId + ".dead-letter-topic)");
        }
        return source;
    }
}
