/**
 * The wiring behind {@link io.kclient.KClient}: endpoints resolved into containers with their
 * adapters, retries, dead letters and producers. Applications use {@code KClient.builder()}.
 */
package io.kclient.engine;
