package io.kclient.convert;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an attacker's payload names with {@code @class} or {@code @type}: any use of it (creation,
 * a setter) is counted, so a test can show that nothing was instantiated.
 */
public class Gadget {

    /** Creations and setter calls since the class was loaded. */
    public static final AtomicInteger USES = new AtomicInteger();

    public Gadget() {
        USES.incrementAndGet();
    }

    public void setCommand(String command) {
        USES.incrementAndGet();
    }
}
