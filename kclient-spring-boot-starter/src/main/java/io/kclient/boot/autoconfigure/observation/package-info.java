/**
 * Micrometer Observation of handler calls, when the application has an {@code ObservationRegistry}:
 * the trace context travels in record headers from a handler's input to its outputs.
 */
package io.kclient.boot.autoconfigure.observation;
