package io.kclient.sample.animals;

/** What a dog becomes: the same id, so a cat can be traced back to its dog. */
public record Cat(String id, String name, int age) {

    static Cat from(Dog dog) {
        return new Cat(dog.id(), dog.name(), dog.age());
    }
}
