package io.kclient.bench.model;

import java.time.Duration;

/**
 * The handler's work, the same for every contender: turn a dog into a cat, after waiting
 * {@code delay} as if calling a remote service (the slow scenario); no wait in the fast one.
 */
public final class DogToCat {

    private final long delayMillis;

    public DogToCat(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** How long it waits per dog. */
    public Duration delay() {
        return Duration.ofMillis(delayMillis);
    }

    public Cat apply(Dog dog) {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis); // blocking I/O stand-in: holds the thread, not the CPU
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handling dog " + dog.id(), e);
            }
        }
        return new Cat(dog.id(), dog.name(), dog.age(), dog.seq());
    }
}
