package io.kclient.deadletter;

import io.kclient.KClientException;
import java.util.List;

/**
 * A redrive refused before it sent anything: the message says why and what to do.
 */
public final class RedriveRefusedException extends KClientException {

    /** Why, so a caller can answer with the right status. */
    public enum Reason {
        /** The request itself is wrong: an unknown handler, a bad selection, a handler without a known dead-letter topic. */
        INVALID,
        /** The request is fine but cannot run now: another redrive of the handler runs, or dead letters are past max-redrives. */
        CONFLICT
    }

    private final Reason reason;
    private final List<String> deadLetters;

    public RedriveRefusedException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    /** @param deadLetters the dead letters that caused the refusal ({@code topic-partition@offset}), at most ten */
    public RedriveRefusedException(Reason reason, String message, List<String> deadLetters) {
        super(message);
        this.reason = reason;
        this.deadLetters = List.copyOf(deadLetters);
    }

    public Reason reason() {
        return reason;
    }

    /** The dead letters that caused the refusal, at most ten; empty when none did. */
    public List<String> deadLetters() {
        return deadLetters;
    }
}
