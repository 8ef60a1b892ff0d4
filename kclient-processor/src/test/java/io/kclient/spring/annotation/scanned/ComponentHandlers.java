package io.kclient.spring.annotation.scanned;

import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.spring.Dog;
import org.springframework.stereotype.Component;

/** Found by component scanning and by {@code @KafkaHandlersScan}: must become one bean. */
@Component
@KafkaHandlers
public class ComponentHandlers {

    @InputConsumer(topics = "component")
    public void onDog(Dog dog) {
    }
}
