package io.kclient.protobuf;

import java.util.Map;

/**
 * One handler's Protobuf settings, checked once at start-up.
 * <ul>
 * <li>{@code protobuf.unknown-fields}: {@code keep} (the default) reads a payload with fields the
 * declared message does not know, as Protobuf does, so a newer producer may add fields;
 * {@code refuse} makes it a poison pill, since Protobuf binary names no message type and such
 * fields are how a payload of another type shows.</li>
 * </ul>
 *
 * @param refuseUnknownFields whether a payload with unknown fields (at any depth) is refused
 */
record ProtobufSettings(boolean refuseUnknownFields) {

    static final String UNKNOWN_FIELDS = "unknown-fields";

    static ProtobufSettings of(Map<String, String> settings) {
        settings.keySet().stream().filter(name -> !name.equals(UNKNOWN_FIELDS)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown setting 'protobuf." + name + "': the Protobuf setting is protobuf."
                    + UNKNOWN_FIELDS + " (Protobuf binary is the only encoding)");
        });
        String unknownFields = settings.getOrDefault(UNKNOWN_FIELDS, "keep").trim();
        if (!unknownFields.equalsIgnoreCase("keep") && !unknownFields.equalsIgnoreCase("refuse")) {
            throw new IllegalArgumentException("unknown-fields '" + unknownFields + "' is not one of keep (the default), refuse");
        }
        return new ProtobufSettings(unknownFields.equalsIgnoreCase("refuse"));
    }
}
