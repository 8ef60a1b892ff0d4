package io.kclient.readme;

public record Dog(String id, String name, int age) {
}
