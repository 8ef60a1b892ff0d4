package io.kclient.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one blocking action per node at the same time, on threads of its own: broker start-up blocks
 * until the quorum unfences the broker, so doing nodes one by one would add their waits up. (The
 * common fork-join pool is no use here: on a 2-core machine it has a single thread.)
 */
final class Parallel {

    private Parallel() {
    }

    /**
     * Applies {@code action} to every node and waits for all of them.
     *
     * @throws RuntimeException the first failure, with the others added as suppressed exceptions
     */
    static void forEach(String actionName, List<KafkaNode> nodes, Consumer<KafkaNode> action) {
        if (nodes.size() == 1) {
            action.accept(nodes.get(0));
            return;
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (KafkaNode node : nodes) {
            Thread thread = new Thread(() -> {
                try {
                    action.accept(node);
                }
                catch (RuntimeException ex) {
                    failure.accumulateAndGet(ex, (first, next) -> {
                        if (first == null) {
                            return next;
                        }
                        first.addSuppressed(next);
                        return first;
                    });
                }
            }, "embedded-kafka-" + actionName + "-node-" + node.spec().id());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            joinUninterruptibly(thread);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    // A half-started or half-stopped node must not be abandoned, so an interrupt only ends the
    // wait once the threads are done; it is passed on through the interrupt flag.
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
