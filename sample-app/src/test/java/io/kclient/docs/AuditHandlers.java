package io.kclient.docs;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;

/** The handler class {@link AuditConfiguration} declares, when auditing is on. */
@KafkaHandlers
public class AuditHandlers {

    @InputConsumer(topic = "payments")
    public void onPayment(String payment) {
    }
}
