package io.kclient.bench.contender;

/**
 * One way of turning the input dogs into output cats. A contender is started once on one input
 * topic, runs in the background until every output is visible, and is then closed; it is never
 * reused.
 */
public interface Contender extends AutoCloseable {

    /** Its name in the table and on the command line. */
    String name();

    /** Whether it promises that each key's outputs keep the input order; the verifier checks it when so. */
    boolean keepsKeyOrder();

    /** Starts consuming and publishing as described by {@code context}; returns once started. */
    void start(ContenderContext context) throws Exception;

    /** A failure that makes waiting for the outputs pointless, or {@code null}. */
    default Throwable failure() {
        return null;
    }

    /** Stops and releases every thread and client. */
    @Override
    void close();
}
