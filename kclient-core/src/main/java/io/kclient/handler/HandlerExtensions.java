package io.kclient.handler;

import java.util.List;

/**
 * What an application adds around its handlers: a validator for {@code @Valid} payloads and
 * interceptors that see each call.
 *
 * @param payloadValidator validates {@code @Valid} payloads; {@code null} when none is available,
 *     in which case a {@code @Valid} parameter fails the start
 * @param interceptors called in order before each handler call, and in reverse order after it
 */
public record HandlerExtensions(PayloadValidator payloadValidator, List<HandlerInterceptor> interceptors) {

    /** No validator, no interceptor. */
    public static final HandlerExtensions NONE = new HandlerExtensions(null, List.of());

    public HandlerExtensions {
        interceptors = List.copyOf(interceptors);
    }
}
