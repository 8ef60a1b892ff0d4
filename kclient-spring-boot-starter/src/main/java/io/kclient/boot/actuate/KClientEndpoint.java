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

/**
 * {@code /actuator/kclient}: lists the handlers (settings, state, partitions, lag, in-flight),
 * shows one ({@code /actuator/kclient/{id}}), and pauses, resumes or restarts one
 * ({@code POST /actuator/kclient/{id}/{pause|resume|restart}}) while the application runs.
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

    private final Supplier<KClient> kclient;

    /** @param kclient the engine, asked at each operation (it is built after the endpoint) */
    public KClientEndpoint(Supplier<KClient> kclient) {
        this.kclient = kclient;
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

    private static Action parse(String action) {
        try {
            return Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "': use pause, resume or restart",
                    "Unknown action");
        }
    }

    /** The endpoint's answer to a listing: an object, so it can grow without breaking clients. */
    public record Handlers(List<HandlerDescriptor> handlers) {
    }
}
