package io.kclient.sample.api;

import tools.jackson.databind.JsonNode;

/** One record of a topic, as {@code GET /api/messages/{topic}} shows it; a non-JSON value is a JSON string. */
public record StoredRecord(String key, int partition, long offset, long timestamp, JsonNode value) {
}
