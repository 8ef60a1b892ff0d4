/**
 * Dead letters of a handler, listed and redriven: sent back to the topic they failed on, with
 * headers saying where they came from and how often they were redriven. A redrive's position is
 * kept durably as the committed offsets of a consumer group on the dead-letter topic, and moves in
 * the same Kafka transaction as the records it sends, so a redrive run twice sends nothing twice.
 */
package io.kclient.deadletter;
