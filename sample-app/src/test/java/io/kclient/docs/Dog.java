package io.kclient.docs;

public record Dog(String id, String name, int age) {
}
