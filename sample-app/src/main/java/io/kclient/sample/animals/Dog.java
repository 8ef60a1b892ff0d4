package io.kclient.sample.animals;

/** What arrives on the dogs topic: {@code {"id":"d1","name":"Rex","age":3}}. */
public record Dog(String id, String name, int age) {
}
