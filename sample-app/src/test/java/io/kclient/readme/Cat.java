package io.kclient.readme;

public record Cat(String id, String name, int age) {
}
