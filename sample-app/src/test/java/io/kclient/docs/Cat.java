package io.kclient.docs;

public record Cat(String id, String name, int age) {
}
