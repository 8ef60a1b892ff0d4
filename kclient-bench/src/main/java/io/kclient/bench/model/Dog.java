package io.kclient.bench.model;

/**
 * An input record: {@code {"id":17,"name":"...","age":3,"seq":0}}, about 100 bytes of JSON.
 *
 * @param id unique over the whole input, 0 to N - 1; the verifier finds every output by it
 * @param name padding that brings the record to a realistic size
 * @param age a number to copy
 * @param seq the record's position among the records of its key, 0, 1, 2, ...
 */
public record Dog(long id, String name, int age, long seq) {
}
