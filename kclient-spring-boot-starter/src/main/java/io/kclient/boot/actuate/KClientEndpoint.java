package io.kclient.boot.actuate;

import io.kclient.KClient;
import io.kclient.KClientException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.jspecify.annotations.Nullable;

/**
 * {@code /actuator/kclient}: lists the handlers (settings, state, partitions, lag, in-flight),
 * shows one ({@code /actuator/kclient/{id}}), and pauses, resumes or restarts one
 * ({@code POST /actuator/kclient/{id}/{pause|resume|restart}}) while the application runs. A
 * handler's dead letters are listed at {@code /actuator/kclient/{id}/dead-letters?limit=20} and
 * redriven by {@code POST /actuator/kclient/{id}/dead-letters/redrive} with a JSON selection
 * ({@link DeadLetterOperations}); its recent activity is at {@code /actuator/kclient/{id}/activity}.
 */
@Endpoint(id = "kclient")
public class KClientEndpoint {

    /** What an operator may do to a handler. */
    public enum Action {
        /** Stop fetching; the consumer keeps its partitions. */
        PAUSE,
        /** Fetch again after a pause. */
        RESUME,
        /** Stop gracefully (commit, leave the group) and start again with a new consumer. */
        RESTART
    }

    static final String ACTIVITY = "activity";

    private final Supplier<KClient> kclient;
    private final DeadLetterOperations deadLetters;

    /** @param kclient the engine, asked at each operation (it is built after the endpoint) */
    public KClientEndpoint(Supplier<KClient> kclient) {
        this.kclient = kclient;
        this.deadLetters = new DeadLetterOperations(() -> kclient.get().deadLetters());
    }

    /** Every handler, in registration order. */
    @ReadOperation
    public Handlers handlers() {
        return new Handlers(kclient.get().handlers().stream().map(HandlerDescriptor::of).toList());
    }

    /** One handler; 404 when no handler has this id. */
    @ReadOperation
    public HandlerDescriptor handler(@Selector String id) {
        return kclient.get().handlers().stream().filter(handler -> handler.id().equals(id)).findFirst()
                .map(HandlerDescriptor::of).orElse(null);
    }

    /**
     * Pauses, resumes or restarts one handler and returns it as it is then; a pause or resume
     * takes effect at the handler's next poll, a restart before this returns.
     */
    @WriteOperation
    public HandlerDescriptor act(@Selector String id, @Selector String action) {
        KClient engine = kclient.get();
        Action requested = parse(action);
        try {
            engine.container(id);
        } catch (KClientException noSuchHandler) {
            throw new InvalidEndpointRequestException(noSuchHandler.getMessage(), "No such handler");
        }
        switch (requested) {
            case PAUSE -> engine.pause(id);
            case RESUME -> engine.resume(id);
            case RESTART -> engine.restart(id);
        }
        return HandlerDescriptor.of(engine.handler(id));
    }

    /**
     * A part of one handler: {@code GET /actuator/kclient/{id}/dead-letters?limit=20}, its newest
     * dead letters, newest first (400 for a limit outside 1 to 100); or {@code GET
     * /actuator/kclient/{id}/activity}, what it completed and gave up per 5 seconds over the last
     * five minutes. 400 for an unknown handler or part.
     */
    @ReadOperation
    public WebEndpointResponse<Object> part(@Selector String id, @Selector String part, @Nullable Integer limit) {
        if (ACTIVITY.equals(part)) {
            try {
                return new WebEndpointResponse<>(kclient.get().activity(id));
            } catch (KClientException noSuchHandler) {
                throw new InvalidEndpointRequestException(noSuchHandler.getMessage(), "No such handler");
            }
        }
        if (!DeadLetterOperations.DEAD_LETTERS.equals(part)) {
            throw new InvalidEndpointRequestException("Unknown part '" + part + "' of a handler: use "
                    + DeadLetterOperations.DEAD_LETTERS + " or " + ACTIVITY, "Unknown part");
        }
        return this.deadLetters.list(id, limit);
    }

    /**
     * {@code POST /actuator/kclient}: does nothing and answers whether the caller may act (pause,
     * resume, restart, redrive). Whatever refuses those refuses this: Spring Security rules on
     * the endpoint's POSTs, or {@code management.endpoint.kclient.access=read-only}. The console
     * asks it to know whether to offer its buttons.
     */
    @WriteOperation
    public Access access() {
        return new Access(true);
    }

    /**
     * {@code POST /actuator/kclient/{id}/dead-letters/redrive}: redrives the dead letters the JSON
     * body's selection meets (every field optional; none: all); 200 with what it did, 400 for a bad
     * request, 409 when refused before sending anything, 503 when the broker failed it midway.
     */
    @WriteOperation
    public WebEndpointResponse<Object> redrive(@Selector String id, @Selector String deadLetters, @Selector String action,
            @Nullable String from, @Nullable String to, @Nullable String exceptionClass, @Nullable String originTopic,
            @Nullable Integer originPartition, @Nullable Long originOffset, @Nullable Integer limit,
            @Nullable Double ratePerSecond, @Nullable Boolean skipExhausted) {
        DeadLetterOperations.requireDeadLetters(deadLetters);
        if (!"redrive".equals(action)) {
            throw new InvalidEndpointRequestException("Unknown dead-letter action '" + action + "': use redrive", "Unknown action");
        }
        return this.deadLetters.redrive(id, new DeadLetterOperations.Selection(from, to, exceptionClass, originTopic,
                originPartition, originOffset, limit, ratePerSecond, skipExhausted));
    }

    private static Action parse(String action) {
        try {
            return Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "': use pause, resume or restart",
                    "Unknown action");
        }
    }

    /** @param mayAct whether the caller may pause, resume, restart and redrive */
    public record Access(boolean mayAct) {
    }

    /** The endpoint's answer to a listing: an object, so it can grow without breaking clients. */
    public record Handlers(List<HandlerDescriptor> handlers) {
    }
}
