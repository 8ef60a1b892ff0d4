package io.kclient.deadletter;

import io.kclient.KClientException;
import io.kclient.deadletter.RedriveRefusedException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * One redrive of one handler's dead letters, in two passes over its dead-letter topics up to where
 * they ended when it began. The first picks the dead letters the selection meets and refuses the
 * whole redrive, before anything is sent, if one of them was redriven {@code max-redrives} times.
 * The second sends them back to their topics in Kafka transactions of at most
 * {@link #CHUNK_RECORDS} records, each also committing the redrive position past what it sent: a
 * record is sent and marked redriven at once, or neither.
 */
final class Redrive {

    static final int CHUNK_RECORDS = 100;
    /** A transaction stays short even when the rate is low: its records become visible when it commits. */
    private static final long CHUNK_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int NAMED = 10;

    private final DeadLetterSource source;
    private final RedriveSelection selection;
    private final RedriveSettings settings;
    private final RedriveClients clients;
    private final Duration timeout;
    private final Map<TopicPartition, TreeSet<Long>> selected = new HashMap<>();
    private final List<String> exhausted = new ArrayList<>();
    private final List<String> left = new ArrayList<>();
    private int chosen;
    private int beyondLimit;
    private int unplaced;
    private int noRoom;

    Redrive(DeadLetterSource source, RedriveSelection selection, RedriveSettings settings, RedriveClients clients, Duration timeout) {
        this.source = source;
        this.selection = selection;
        this.settings = settings;
        this.clients = clients;
        this.timeout = timeout;
    }

    RedriveResult run() {
        try (DeadLetterScan scan = new DeadLetterScan(clients.reader(source.redriveGroup()), source.topics(), timeout)) {
            scan.partitions().forEach(partition -> plan(scan, partition));
            if (!exhausted.isEmpty() && !selection.skipExhausted()) {
                throw new RedriveRefusedException(Reason.CONFLICT, exhausted.size() + " dead letters of handler '" + source.handlerId()
                        + "' that the selection meets were redriven " + settings.maxRedrives() + " times already (max-redrives) and "
                        + "failed each time, so nothing was sent: fix what makes them fail, narrow the selection, or set "
                        + "skipExhausted to redrive the others and leave these", exhausted.subList(0, Math.min(NAMED, exhausted.size())));
            }
            if (chosen == 0) {
                return result(0, "Nothing to redrive: no dead letter of handler '" + source.handlerId()
                        + "' meets the selection that was not redriven before");
            }
            int sent = new Sender(scan).send();
            return result(sent, "Redrove " + sent + " dead letters of handler '" + source.handlerId() + "' to their topics");
        }
    }

    /** First pass: what to send, checked against max-redrives and against the room the position's metadata has. */
    private void plan(DeadLetterScan scan, TopicPartition partition) {
        RedriveLedger planned = scan.ledger(partition).copy();
        scan.read(partition, planned.position(), scan.end(partition), record -> {
            if (planned.isDone(record.offset())) {
                return;
            }
            if (!DeadLetter.belongsTo(record, source.handlerId())) {
                planned.markDone(record.offset()); // another handler's: passed over, never redriven by this one
                return;
            }
            DeadLetter letter = DeadLetter.of(record, false);
            if (!selection.matches(letter)) {
                return;
            }
            if (letter.redriveCount() >= settings.maxRedrives()) {
                exhausted.add(letter.coordinates());
            } else if (letter.originTopic() == null) {
                unplaced++;
                name(letter);
            } else if (selection.limit() != null && chosen >= selection.limit()) {
                beyondLimit++;
            } else if (!planned.roomFor(record.offset())) {
                noRoom++; // the position cannot name more records redriven among ones left behind
                name(letter);
            } else {
                planned.markDone(record.offset());
                selected.computeIfAbsent(partition, p -> new TreeSet<>()).add(record.offset());
                chosen++;
            }
        });
    }

    private void name(DeadLetter letter) {
        if (left.size() < NAMED) {
            left.add(letter.coordinates());
        }
    }

    private RedriveResult result(int sent, String done) {
        List<String> notes = new ArrayList<>();
        if (selection.skipExhausted() && !exhausted.isEmpty()) {
            notes.add(exhausted.size() + " left: redriven " + settings.maxRedrives() + " times already (max-redrives)");
        }
        if (beyondLimit > 0) {
            notes.add(beyondLimit + " more meet the selection beyond its limit: redrive again to send them");
        }
        if (unplaced > 0) {
            notes.add(unplaced + " left: their headers name no topic to send them to (not KClient's dead letters)");
        }
        if (noRoom > 0) {
            notes.add(noRoom + " left: the redrive position can name only so many redriven records among ones left behind; "
                    + "redrive the dead letters before them (or all), then again");
        }
        List<String> named = new ArrayList<>(left);
        if (selection.skipExhausted()) {
            exhausted.stream().limit(NAMED - Math.min(NAMED, named.size())).forEach(named::add);
        }
        return new RedriveResult(source.handlerId(), sent, selection.skipExhausted() ? exhausted.size() : 0, named,
                notes.isEmpty(), notes.isEmpty() ? done : done + "; " + String.join("; ", notes));
    }

    /** Second pass: sends the planned dead letters in transactions that also move the position. */
    private final class Sender {

        private final DeadLetterScan scan;
        private final Set<TopicPartition> touched = new LinkedHashSet<>();
        private Producer<byte[], byte[]> producer;
        private boolean open;
        private long openedNanos;
        private int inTransaction;
        private int committed;
        private long nextSendNanos = System.nanoTime();

        Sender(DeadLetterScan scan) {
            this.scan = scan;
        }

        int send() {
            producer = clients.transactionalProducer(source.transactionalId());
            try {
                producer.initTransactions();
                for (Map.Entry<TopicPartition, TreeSet<Long>> partition : selected.entrySet()) {
                    RedriveLedger ledger = scan.ledger(partition.getKey());
                    scan.read(partition.getKey(), ledger.position(), partition.getValue().last() + 1,
                            record -> take(record, ledger, partition.getValue()));
                }
                commit();
                return committed;
            } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
                throw new KClientException("Another redrive of handler '" + source.handlerId() + "' began (in this or another "
                        + "instance) and took over: this one stopped after " + committed + " dead letters were redriven and "
                        + "committed; running it again sends nothing twice", fenced);
            } catch (KafkaException | InterruptedRedrive e) {
                abortQuietly();
                throw new KClientException("The redrive of handler '" + source.handlerId() + "' stopped: "
                        + (e.getCause() != null ? e.getCause() : e).getMessage() + ". " + committed + " dead letters were redriven "
                        + "and committed before; the rest were not sent. Run it again to send them: nothing is sent twice", e);
            } finally {
                producer.close(Duration.ofSeconds(5));
            }
        }

        private void take(ConsumerRecord<byte[], byte[]> record, RedriveLedger ledger, Set<Long> chosenOffsets) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (ledger.isDone(record.offset())) {
                return;
            }
            if (!DeadLetter.belongsTo(record, source.handlerId())) {
                ledger.markDone(record.offset());
                touched.add(partition);
                return;
            }
            if (!chosenOffsets.contains(record.offset())) {
                return;
            }
            pace();
            if (!open) {
                producer.beginTransaction();
                open = true;
                openedNanos = System.nanoTime();
            }
            DeadLetter letter = DeadLetter.of(record, false);
            producer.send(new ProducerRecord<>(letter.originTopic(), letter.originPartition(), record.key(), record.value(),
                    RedriveHeaders.forRedrive(record, System.currentTimeMillis())));
            ledger.markDone(record.offset());
            touched.add(partition);
            inTransaction++;
            if (inTransaction >= CHUNK_RECORDS || System.nanoTime() - openedNanos > CHUNK_NANOS) {
                commit();
            }
        }

        /** Keeps to the selection's rate; a transaction is committed rather than held open through a long wait. */
        private void pace() {
            if (selection.ratePerSecond() == null) {
                return;
            }
            long now = System.nanoTime();
            long wait = nextSendNanos - now;
            if (wait > 0) {
                if (open && now + wait - openedNanos > CHUNK_NANOS) {
                    commit();
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedRedrive();
                }
            }
            nextSendNanos = Math.max(now, nextSendNanos) + (long) (1e9 / selection.ratePerSecond());
        }

        private void commit() {
            if (!open) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition partition : touched) {
                RedriveLedger ledger = scan.ledger(partition);
                positions.put(partition, new OffsetAndMetadata(ledger.position(), ledger.metadata()));
            }
            producer.sendOffsetsToTransaction(positions, new ConsumerGroupMetadata(source.redriveGroup()));
            producer.commitTransaction();
            committed += inTransaction;
            inTransaction = 0;
            open = false;
        }

        private void abortQuietly() {
            if (open) {
                try {
                    producer.abortTransaction();
                } catch (KafkaException ignored) {
                    // closing the producer ends the transaction too
                }
            }
        }
    }

    /** The thread asking for the redrive was interrupted while it waited for its rate. */
    private static final class InterruptedRedrive extends RuntimeException {
        InterruptedRedrive() {
            super("interrupted");
        }
    }
}
