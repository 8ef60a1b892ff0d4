package io.kclient.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application under test: its {@code @KafkaHandlers} classes are found in this package. */
@SpringBootApplication
public class TestApplication {
}
