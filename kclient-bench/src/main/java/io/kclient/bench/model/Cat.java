package io.kclient.bench.model;

/** What every contender publishes for a {@link Dog}: the same id and sequence, so it can be verified. */
public record Cat(long id, String name, int age, long seq) {
}
