package io.kclient.spring;

/** A payload for the test handlers. */
public record Dog(String id, String name) {
}
