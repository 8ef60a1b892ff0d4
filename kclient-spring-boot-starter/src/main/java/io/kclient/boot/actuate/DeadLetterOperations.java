package io.kclient.boot.actuate;

import io.kclient.KClientException;
import io.kclient.deadletter.DeadLetter;
import io.kclient.deadletter.DeadLetters;
import io.kclient.deadletter.RedriveRefusedException;
import io.kclient.deadletter.RedriveSelection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code kclient} endpoint's dead-letter operations: what they answer and with which status.
 * Every refusal is an answer with a status and an {@code error} saying why and what to do; a
 * refused redrive has sent nothing.
 */
final class DeadLetterOperations {

    static final String DEAD_LETTERS = "dead-letters";
    /** HTTP's Conflict: the request is sound but cannot run now; {@link WebEndpointResponse} names no constant for it. */
    static final int STATUS_CONFLICT = 409;
    private static final int DEFAULT_PAGE = 20;

    private final Supplier<DeadLetters> deadLetters;

    DeadLetterOperations(Supplier<DeadLetters> deadLetters) {
        this.deadLetters = deadLetters;
    }

    static void requireDeadLetters(String segment) {
        if (!DEAD_LETTERS.equals(segment)) {
            throw new InvalidEndpointRequestException("Unknown part '" + segment + "' of a handler: use " + DEAD_LETTERS,
                    "Unknown part");
        }
    }

    WebEndpointResponse<Object> list(String handlerId, Integer limit) {
        try {
            return new WebEndpointResponse<>(new Page(handlerId, deadLetters.get().list(handlerId, limit == null ? DEFAULT_PAGE : limit)));
        } catch (RuntimeException e) {
            return refusal(e);
        }
    }

    WebEndpointResponse<Object> redrive(String handlerId, Selection selection) {
        try {
            return new WebEndpointResponse<>(deadLetters.get().redrive(handlerId, selection.build()));
        } catch (RuntimeException e) {
            return refusal(e);
        }
    }

    private static WebEndpointResponse<Object> refusal(RuntimeException failure) {
        if (failure instanceof RedriveRefusedException refused) {
            int status = refused.reason() == RedriveRefusedException.Reason.CONFLICT ? STATUS_CONFLICT
                    : WebEndpointResponse.STATUS_BAD_REQUEST;
            return new WebEndpointResponse<>(new Refusal(refused.getMessage(), refused.deadLetters()), status);
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return new WebEndpointResponse<>(new Refusal(invalid.getMessage(), List.of()), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        if (failure instanceof KClientException broker) {
            return new WebEndpointResponse<>(new Refusal(broker.getMessage(), List.of()),
                    WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
        }
        throw failure;
    }

    /** A page of dead letters, newest first. */
    record Page(String handler, List<DeadLetter> deadLetters) {
    }

    /**
     * Why a request was refused, and what to do.
     *
     * @param error the reason and the fix
     * @param deadLetters the dead letters that caused it, at most ten ({@code topic-partition@offset})
     */
    record Refusal(String error, List<String> deadLetters) {
    }

    /** A redrive request's body, as it came: times as ISO-8601 text, checked here. */
    record Selection(String from, String to, String exceptionClass, String originTopic, Integer originPartition,
            Long originOffset, Integer limit, Double ratePerSecond, Boolean skipExhausted) {

        RedriveSelection build() {
            RedriveSelection selection = RedriveSelection.all().deadLetteredBetween(instant("from", from), instant("to", to));
            if (exceptionClass != null) {
                selection = selection.exceptionClass(exceptionClass);
            }
            if (originTopic != null || originPartition != null || originOffset != null) {
                selection = selection.origin(originTopic, originPartition, originOffset);
            }
            if (limit != null) {
                selection = selection.limit(limit);
            }
            if (ratePerSecond != null) {
                selection = selection.ratePerSecond(ratePerSecond);
            }
            return Boolean.TRUE.equals(skipExhausted) ? selection.skippingExhausted() : selection;
        }

        private static Instant instant(String field, String text) {
            try {
                return text == null ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " '" + text + "' is not an instant: write it as 2026-12-01T10:00:00Z");
            }
        }
    }
}
