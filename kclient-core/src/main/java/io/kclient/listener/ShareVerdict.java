package io.kclient.listener;

import java.time.Duration;
import org.apache.kafka.clients.consumer.AcknowledgeType;

/**
 * How a share group's record is to be acknowledged, and when: a record released for another
 * delivery waits its backoff first, held by this member, so that it comes back no sooner.
 *
 * @param type accept, release or reject
 * @param backoff how long a released record is held before it is released; zero for the others
 */
record ShareVerdict(AcknowledgeType type, Duration backoff) {

    static final ShareVerdict ACCEPT = new ShareVerdict(AcknowledgeType.ACCEPT, Duration.ZERO);
    static final ShareVerdict REJECT = new ShareVerdict(AcknowledgeType.REJECT, Duration.ZERO);

    static ShareVerdict releaseAfter(Duration backoff) {
        return new ShareVerdict(AcknowledgeType.RELEASE, backoff);
    }
}
