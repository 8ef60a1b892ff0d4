package io.kclient.listener;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a container runs for a handler that takes records in lists ({@code @InputConsumer(batch =
 * true)}): records of one partition, in offset order, per call. Each record has its own
 * {@link Attempt}, so each is handed off, done or failed on its own, and only a failed record (and
 * what must wait for it) is tried again, alone, or given to the error handler and dead-letter topic.
 */
public interface BatchRecordHandler {

    /** The {@link #element} of a record that is done without a call: a tombstone the handler skips. */
    Object SKIP = new Object() {
        @Override
        public String toString() {
            return "SKIP";
        }
    };

    /**
     * One record's element of the list the handler takes, converted; a
     * {@code PayloadConversionException} makes the record a poison pill, which goes to the
     * dead-letter topic without being in any list.
     */
    Object element(ConsumerRecord<byte[], byte[]> record);

    /**
     * Calls the handler once and reports each record's end to its attempt.
     *
     * @param records the records, one partition's, in offset order
     * @param elements their {@link #element elements}, in the same order
     * @param attempts their attempts, in the same order
     * @return how many records, from the first, the call got to: all of them, or up to and
     *     including the one that failed; the records after it were not handled and are given again
     */
    int handle(List<ConsumerRecord<byte[], byte[]>> records, List<Object> elements, List<Attempt> attempts);
}
