package io.kclient.asyncapi.app;

import io.kclient.asyncapi.Kennel;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** An application of {@link Kennel}'s handlers, for the build-time generator. */
@SpringBootApplication
@Import(Kennel.class)
public class KennelApplication {
}
