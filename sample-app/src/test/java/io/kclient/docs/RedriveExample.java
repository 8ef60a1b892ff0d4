package io.kclient.docs;

import io.kclient.KClient;
import io.kclient.deadletter.DeadLetter;
import io.kclient.deadletter.RedriveResult;
import io.kclient.deadletter.RedriveSelection;
import java.time.Instant;

// docs/operating.md, dead letters without Spring
class RedriveExample {

    void redrive(KClient kclient) {
        for (DeadLetter letter : kclient.deadLetters().list("animalsHandler.onDog", 20)) {   // newest first
            System.out.printf("%s %s: %s (from %s-%d@%d, redriven %d times) %s%n", letter.deadLetteredAt(),
                    letter.exceptionClass(), letter.exceptionMessage(), letter.originTopic(), letter.originPartition(),
                    letter.originOffset(), letter.redriveCount(), letter.payload());
        }
        RedriveResult result = kclient.deadLetters().redrive("animalsHandler.onDog", RedriveSelection.all()
                .deadLetteredBetween(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T11:00:00Z"))
                .exceptionClass("java.net.ConnectException")
                .limit(500)                                      // at most 500 ...
                .ratePerSecond(50));                             // ... at most 50 a second
        System.out.println(result.message());                    // "Redrove 500 dead letters of handler ..."
    }
}
