package io.kclient.sample.animals;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The second link of the chain: consumes the cats, and counts them. */
@KafkaHandlers
public class CatsHandler {

    private static final Logger log = LoggerFactory.getLogger(CatsHandler.class);

    private final AtomicLong seen = new AtomicLong();

    @InputConsumer(id = "cats", topic = "${sample.topics.cats:cats}")
    public void onCat(Cat cat) {
        long count = seen.incrementAndGet();
        log.debug("Cat #{}: {}", count, cat);
    }

    /** Cats handled since start. */
    public long seen() {
        return seen.get();
    }
}
