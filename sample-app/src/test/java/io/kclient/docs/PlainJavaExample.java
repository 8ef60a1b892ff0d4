package io.kclient.docs;

import static io.kclient.config.HandlerSettings.CONCURRENCY;
import static io.kclient.config.HandlerSettings.MAX_IN_FLIGHT;
import static io.kclient.config.HandlerSettings.MAX_IN_FLIGHT_BYTES;
import static io.kclient.config.HandlerSettings.RETRY_INITIAL_BACKOFF;
import static io.kclient.config.HandlerSettings.RETRY_MAX_ATTEMPTS;

import io.kclient.KClient;
import io.kclient.config.HandlerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

class PlainJavaExample {

    void run() {
        try (KClient kclient = KClient.builder()
                .bootstrapServers("localhost:9092")
                .consumerProperties(Map.of("max.poll.records", 200))
                .defaults(HandlerSettings.NONE                      // as kclient.defaults.*
                        .with(CONCURRENCY, 8)
                        .with(MAX_IN_FLIGHT, 1000).with(MAX_IN_FLIGHT_BYTES, 16L * 1024 * 1024)
                        .with(RETRY_MAX_ATTEMPTS, 5).with(RETRY_INITIAL_BACKOFF, Duration.ofMillis(200)))
                .handlerSettings("animalsHandler.onDog", HandlerSettings.NONE   // as kclient.handlers[animalsHandler.onDog].*
                        .with(HandlerSettings.TOPICS, List.of("dogs", "puppies")))
                .handlers(new AnimalsHandler())
                .build()) {                                // validates every handler, connects to nothing
            kclient.start();                               // creates missing topics, starts polling
            // ... until the application stops; close() drains, flushes and commits
        }
    }
}
