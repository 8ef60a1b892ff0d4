package io.kclient.listener;

import java.util.function.Predicate;

/**
 * When a failed record gets another try: while it has tries left and its failure is one worth
 * trying again (a payload that cannot be converted is not). The one rule behind every way KClient
 * retries: in place with backoff, by a share group's redelivery, and through retry topics.
 *
 * @param tries how many tries a record may have in all
 * @param retryable which failures are worth another try
 */
record RetryRule(int tries, Predicate<Throwable> retryable) {

    /**
     * @param triesSoFar the tries the record had, the one that failed included
     * @param failure how the last one failed, as its stage completed (possibly wrapped)
     */
    boolean triesAgain(int triesSoFar, Throwable failure) {
        return triesSoFar < tries && retryable.test(RecordOutcome.cause(failure));
    }
}
