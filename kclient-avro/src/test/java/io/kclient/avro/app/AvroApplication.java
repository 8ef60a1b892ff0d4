package io.kclient.avro.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with Avro handlers: nothing to register, kclient-avro is on the class path. */
@SpringBootApplication
public class AvroApplication {
}
