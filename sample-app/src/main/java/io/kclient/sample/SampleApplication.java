package io.kclient.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The KClient animals example: dogs in on {@code dogs}, cats out on {@code cats}. With no
 * {@code kclient.bootstrap-servers} set it runs its own Kafka broker on {@code localhost:9092}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
