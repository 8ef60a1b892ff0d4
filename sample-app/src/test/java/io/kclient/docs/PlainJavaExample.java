package io.kclient.docs;

import io.kclient.KClient;
import io.kclient.Ordering;
import io.kclient.config.HandlerDefaults;
import io.kclient.config.RetrySettings;
import java.time.Duration;
import java.util.Map;

class PlainJavaExample {

    void run() {
        try (KClient kclient = KClient.builder()
                .bootstrapServers("localhost:9092")
                .consumerProperties(Map.of("max.poll.records", 200))
                .defaults(new HandlerDefaults(null, 8, Ordering.KEY, 1000, 16L * 1024 * 1024, // in flight: records, bytes
                        new RetrySettings(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(30)),
                        ".DLT", Duration.ofSeconds(30)))
                .handlers(new AnimalsHandler())
                .build()) {                                // validates every handler, connects to nothing
            kclient.start();                               // creates missing topics, starts polling
            // ... until the application stops; close() drains, flushes and commits
        }
    }
}
