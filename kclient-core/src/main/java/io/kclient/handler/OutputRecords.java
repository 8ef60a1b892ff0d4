package io.kclient.handler;

import io.kclient.Message;
import io.kclient.convert.PayloadConverters;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A {@link Message} as the record Kafka sends: its key and value written like return values
 * ({@code String} as UTF-8, {@code byte[]} as is, a {@code Document} as XML, anything else as JSON),
 * its headers and its partition. The one way a handler's output and a publisher's send become records.
 */
public final class OutputRecords {

    private OutputRecords() {
    }

    /**
     * @param topic the topic, chosen by the caller (the message's own, or a default)
     * @param defaultKey the key, as written, when the message sets none
     */
    public static ProducerRecord<byte[], byte[]> of(Message<?> message, String topic, byte[] defaultKey, PayloadConverters converters) {
        byte[] key = message.hasKey() ? converters.write(message.key()) : defaultKey;
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, byte[]> header : message.headers().entrySet()) {
            headers.add(header.getKey(), header.getValue());
        }
        return new ProducerRecord<>(topic, message.partition(), key, converters.write(message.value()), headers);
    }
}
