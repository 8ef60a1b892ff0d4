package io.kclient.handler;

import io.kclient.RecordCoordinates;
import io.kclient.convert.PayloadReader;
import io.kclient.convert.PayloadValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The argument resolvers, one small one per kind of parameter. */
final class Resolvers {

    private Resolvers() {
    }

    /** The value, converted to the parameter's type. */
    static ArgumentResolver payload(PayloadReader reader) {
        return (record, failure) -> reader.read(record.value());
    }

    /** The payload of {@code payload}, refused as a poison pill when {@code validator} finds violations. */
    static ArgumentResolver validated(ArgumentResolver payload, PayloadValidator validator, String typeName) {
        return (record, failure) -> {
            Object value = payload.resolve(record, failure);
            if (value != null) {
                List<String> violations = validator.violations(value);
                if (!violations.isEmpty()) {
                    throw new PayloadValidationException(typeName, violations);
                }
            }
            return value;
        };
    }

    /** The value for an error handler: {@code null} when it cannot be converted (that may be why it failed). */
    static ArgumentResolver lenientPayload(PayloadReader reader) {
        return (record, failure) -> {
            try {
                return reader.read(record.value());
            } catch (RuntimeException unreadable) {
                return null;
            }
        };
    }

    /** The key, converted to the parameter's type. */
    static ArgumentResolver key(PayloadReader reader) {
        return (record, failure) -> reader.read(record.key());
    }

    /** The last value of a header, as text or bytes; {@code null} when absent. */
    static ArgumentResolver header(String name, boolean asText) {
        return (record, failure) -> {
            Header header = record.headers().lastHeader(name);
            if (header == null || header.value() == null) {
                return null;
            }
            return asText ? new String(header.value(), StandardCharsets.UTF_8) : header.value();
        };
    }

    /** Topic, partition, offset and timestamp. */
    static ArgumentResolver coordinates() {
        return (record, failure) -> RecordCoordinates.of(record);
    }

    /** The whole record, its key and value converted by the declared type arguments. */
    static ArgumentResolver consumerRecord(PayloadReader keyReader, PayloadReader valueReader) {
        return (record, failure) -> new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.timestampType(), record.serializedKeySize(), record.serializedValueSize(),
                keyReader.read(record.key()), valueReader.read(record.value()), record.headers(), record.leaderEpoch());
    }

    /** The failure an error handler handles, unwrapped from KClient's own wrapper. */
    static ArgumentResolver failure() {
        return (record, failure) -> failure;
    }
}
