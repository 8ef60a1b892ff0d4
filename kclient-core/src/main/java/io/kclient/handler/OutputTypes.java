package io.kclient.handler;

import io.kclient.Message;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * The type of the records a handler publishes, read from its declared return type as
 * {@link OutputPublisher} unwraps the value at run time: a future's value, a collection's
 * elements, a {@link Message}'s value.
 */
final class OutputTypes {

    private OutputTypes() {
    }

    /** The published type, or {@code null} when the method returns nothing or the type is not declared ({@code Message<?>}). */
    static Type published(Type returned) {
        if (returned == void.class || returned == Void.class || returned instanceof WildcardType) {
            return null;
        }
        if (!(returned instanceof ParameterizedType parameterized)) {
            return returned == Message.class ? null : returned;
        }
        Class<?> raw = (Class<?>) parameterized.getRawType();
        if (CompletionStage.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw) || raw == Message.class) {
            return published(parameterized.getActualTypeArguments()[0]);
        }
        return returned;
    }
}
