/**
 * The AsyncAPI 3 document of a KClient application's handlers: channels per topic (or pattern),
 * receive and send operations, reply channels of {@code @Replies} handlers, dead-letter and retry
 * topics, and payload schemas from the declared types. Served on the {@code asyncapi} Actuator
 * endpoint, and written at build time by {@link io.kclient.asyncapi.AsyncApiGenerator}.
 */
package io.kclient.asyncapi;
