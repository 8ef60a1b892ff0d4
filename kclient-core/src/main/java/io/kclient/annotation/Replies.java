package io.kclient.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose return value is only an answer to requests, instead of
 * {@link OutputProducer}: for a request (a record naming a reply topic, as
 * {@code RpcClient.call} sends) it goes to the reply topic with the request's correlation id; for
 * any other record (an {@code RpcClient.cast}, say) it is dropped, since nobody asked for it.
 *
 * <pre>{@code
 * @InputConsumer(topic = "prices")
 * @Replies
 * public Price quote(PriceRequest request) { ... }
 * }</pre>
 *
 * A handler with {@code @OutputProducer} answers requests too, and publishes other records'
 * results to its topic; a {@code void} handler answers requests with an empty reply.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Replies {
}
