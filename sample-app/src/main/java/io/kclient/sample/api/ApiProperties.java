package io.kclient.sample.api;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the sample's REST API.
 *
 * @param maxPayloadBytes the largest body {@code POST /api/messages/{topic}} accepts; larger ones get 413
 * @param maxLimit the most records one {@code GET /api/messages/{topic}} returns
 * @param timeout how long a request waits for the broker before it answers 503
 * @param allowedTopics the only topics {@code POST /api/messages/{topic}} publishes to; any other
 *     answers 404, as a missing topic does, so the API neither writes to nor reveals other topics
 *     (dead-letter, internal or other applications' topics). Default: the sample's dogs and cats topics.
 * @param readableTopics the only topics {@code GET /api/messages/{topic}} reads; any other answers
 *     404 as for {@code POST}, and Kafka's internal topics ({@code __consumer_offsets}...) are never
 *     read, listed or not. Default: the dogs, cats and dogs' dead-letter topics.
 */
@ConfigurationProperties("sample.api")
public record ApiProperties(Integer maxPayloadBytes, Integer maxLimit, Duration timeout, Set<String> allowedTopics,
        Set<String> readableTopics) {

    public ApiProperties {
        allowedTopics = allowedTopics != null ? Set.copyOf(allowedTopics) : Set.of("dogs", "cats");
        readableTopics = readableTopics != null ? Set.copyOf(readableTopics) : Set.of("dogs", "cats", "dogs.DLT");
        maxPayloadBytes = maxPayloadBytes != null ? maxPayloadBytes : 64 * 1024;
        maxLimit = maxLimit != null ? maxLimit : 1000;
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
    }
}
