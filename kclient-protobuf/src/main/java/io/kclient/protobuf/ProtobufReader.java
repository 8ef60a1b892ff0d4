package io.kclient.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadReader;
import java.util.List;
import java.util.Map;

/**
 * Reads one message type from untrusted bytes. Protobuf's parser checks each length against the
 * bytes that remain and bounds nesting (100 levels), so a truncated or oversized payload fails
 * with its reason; with {@code protobuf.unknown-fields=refuse}, so does one carrying fields the
 * message does not know.
 */
final class ProtobufReader implements PayloadReader {

    private final Parser<?> parser;
    private final String typeName;
    private final boolean refuseUnknownFields;

    ProtobufReader(Parser<?> parser, String typeName, boolean refuseUnknownFields) {
        this.parser = parser;
        this.typeName = typeName;
        this.refuseUnknownFields = refuseUnknownFields;
    }

    @Override
    public Object read(byte[] data) {
        if (data == null) {
            return null;
        }
        Object message;
        try {
            message = parser.parseFrom(data);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw failure(data, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), e);
        }
        if (refuseUnknownFields) {
            String path = unknownFieldPath((Message) message, typeName);
            if (path != null) {
                throw failure(data, path + " has fields " + typeName + " does not know (protobuf.unknown-fields=refuse): "
                        + "a payload of another message type, or of a newer version", null);
            }
        }
        return message;
    }

    /** Where the first unknown field is, or {@code null} when there is none at any depth. */
    private static String unknownFieldPath(Message message, String path) {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            return path;
        }
        for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            Object value = field.getValue();
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object element : values) {
                if (element instanceof Message nested) {
                    String found = unknownFieldPath(nested, path + "." + field.getKey().getName());
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private PayloadConversionException failure(byte[] data, String reason, Throwable cause) {
        return new PayloadConversionException("Payload is not a valid Protobuf " + typeName + " (" + data.length + " bytes): "
                + reason, cause);
    }
}
