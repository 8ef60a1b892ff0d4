package io.kclient.bench.measure;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A scheduler on one daemon thread of its own, for the harness's periodic chores. */
public final class DaemonTimer {

    private DaemonTimer() {
    }

    /** A single-threaded scheduler whose thread is called {@code name} and never keeps the JVM alive. */
    public static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
