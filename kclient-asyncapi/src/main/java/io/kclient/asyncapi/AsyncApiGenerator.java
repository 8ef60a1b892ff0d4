package io.kclient.asyncapi;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Writes an application's AsyncAPI document at build time: starts its context without a web
 * server and without starting its handlers (so nothing connects to Kafka, and no in-process broker
 * starts), writes the document, and closes the context. The servers the application names are the
 * document's. Run it with the application's class path,
 * for example from Maven's exec plugin:
 *
 * <pre>
 * java -cp &lt;class path&gt; io.kclient.asyncapi.AsyncApiGenerator com.example.Application target/asyncapi.json [--name=value...]
 * </pre>
 *
 * Arguments after the file are the application's, as {@code --kclient.asyncapi.version=1.2.0}.
 */
public final class AsyncApiGenerator {

    private AsyncApiGenerator() {
    }

    /**
     * The engine is built (every handler validated) but not started. The servers the application
     * names go into the document; its clients get a local address instead, since the build may not
     * resolve the real ones (creating a producer resolves them), and it keeps an application without
     * servers from starting an in-process broker.
     */
    private static void offline(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        Map<String, Object> offline = new HashMap<>(Map.of("kclient.auto-startup", "false", "kclient.embedded.enabled", "false",
                "kclient.bootstrap-servers", "localhost:9092", "spring.kafka.bootstrap-servers", "localhost:9092"));
        String named = environment.getProperty("kclient.bootstrap-servers", environment.getProperty("spring.kafka.bootstrap-servers"));
        if (named != null && !environment.containsProperty("kclient.asyncapi.servers")) {
            offline.put("kclient.asyncapi.servers", named);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("asyncApiGenerator", offline));
    }

    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length < 2) {
            throw new IllegalArgumentException("Usage: AsyncApiGenerator <application class> <output file> [--name=value...]");
        }
        Class<?> application = Class.forName(args[0]);
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) AsyncApiGenerator::offline);
        String[] applicationArgs = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext context = spring.run(applicationArgs)) {
            Path file = Path.of(args[1]);
            context.getBean(KClientAsyncApi.class).write(file);
            System.out.println("AsyncAPI document written to " + file.toAbsolutePath());
        }
    }
}
