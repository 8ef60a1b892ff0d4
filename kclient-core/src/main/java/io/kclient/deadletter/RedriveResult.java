package io.kclient.deadletter;

import java.util.List;

/**
 * What a redrive did.
 *
 * @param handler the handler id
 * @param redriven dead letters sent back to their topic (each committed with the redrive's position)
 * @param skippedExhausted dead letters left where they are: redriven {@code max-redrives} times
 *     already (with {@link RedriveSelection#skippingExhausted()}); at most ten are named in {@code left}
 * @param left the coordinates ({@code topic-partition@offset}) of dead letters the selection met but
 *     this redrive left, at most ten
 * @param complete whether every dead letter the selection met was dealt with; when {@code false},
 *     {@code message} says why and what to do
 * @param message what happened, in a sentence
 */
public record RedriveResult(String handler, int redriven, int skippedExhausted, List<String> left, boolean complete,
        String message) {

    public RedriveResult {
        left = List.copyOf(left);
    }
}
