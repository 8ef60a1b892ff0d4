package io.kclient.docs;

import io.kclient.HandlerStatus;
import io.kclient.KClient;
import io.kclient.observe.HandlerObserver;
import java.time.Duration;

// docs/operating.md, without Spring
class OperationsExample {

    KClient observed() {
        return KClient.builder()
                .bootstrapServers("localhost:9092")
                .observer(new HandlerObserver() {          // the starter registers a Micrometer one
                    @Override
                    public void handled(String handlerId, String topic, Duration latency) {
                        // record the latency
                    }

                    @Override
                    public void failed(String handlerId, String topic, Throwable failure) {
                        // count it, alert
                    }
                })
                .handlers(new AnimalsHandler())
                .build();
    }

    void operate(KClient kclient) {
        for (HandlerStatus handler : kclient.handlers()) {
            System.out.printf("%s %s %s lag=%d in-flight=%d%n", handler.id(), handler.state(), handler.assignment(),
                    handler.totalLag(), handler.inFlight());
        }
        kclient.pause("animalsHandler.onDog");             // stops fetching, keeps its partitions
        kclient.resume("animalsHandler.onDog");
        kclient.restart("animalsHandler.onDog");           // commits, leaves the group, starts a new consumer
    }
}
