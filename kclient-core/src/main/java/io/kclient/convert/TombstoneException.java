package io.kclient.convert;

/**
 * A tombstone (a record without a value) reached a handler whose payload parameter is not
 * nullable, under {@link io.kclient.TombstonePolicy#DEAD_LETTER}: a poison pill, sent to the
 * dead-letter topic unretried, without calling the handler.
 */
public class TombstoneException extends PayloadConversionException {

    public TombstoneException(String parameter, String type) {
        super("Record has no value (a tombstone), which payload parameter '" + parameter + "' (" + type + ") does not take: "
                + "declare it @Nullable or Optional<" + type + "> to receive tombstones, or set tombstones=skip", null);
    }
}
