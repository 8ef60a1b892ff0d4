package io.kclient.sample.api;

/** Where a published message landed: the answer to {@code POST /api/messages/{topic}}. */
public record PublishedRecord(String topic, int partition, long offset) {
}
