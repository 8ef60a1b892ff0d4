/**
 * The programming model: annotations that turn a plain object's methods into Kafka handlers.
 * Nothing here runs anything; {@code io.kclient.config} reads these annotations into endpoints.
 */
package io.kclient.annotation;
