package io.kclient.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Non-blocking retries for an {@link InputConsumer} method: a record still failing after its
 * in-process attempts moves to retry topic {@code <topic>.retry-1}, to be tried again after the
 * first delay, then to {@code <topic>.retry-2} after the second, and so on; after the last, it goes
 * to the error handler and the dead-letter topic. The record's offset moves on meanwhile, so its
 * key is not held back; per-key order is given up for retried records. The handler itself consumes
 * the retry topics, in its own group.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetryTopics {

    /**
     * The wait before each retry topic's attempt, one retry topic per delay: {@code "500ms"},
     * {@code "10s"}, {@code "5m"}, {@code "1h"}, {@code "1d"} or ISO-8601 ({@code "PT30S"}); each may
     * be a {@code ${property}} placeholder. Per handler: {@code kclient.handlers.<id>.retry-topics.delays}.
     */
    String[] delays();
}
