package io.kclient.bench.contender;

import io.kclient.bench.model.DogToCat;
import java.util.Map;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring for Apache Kafka: a {@code @KafkaListener} with {@code @SendTo} in a minimal application
 * context built like Boot's ({@link SpringKafkaConfiguration}). Its concurrency is consumers, so
 * it is capped by the partition count: in the slow scenario one consumer does all the work.
 */
final class SpringKafkaContender implements Contender {

    private AnnotationConfigApplicationContext context;

    @Override
    public String name() {
        return "spring-kafka";
    }

    @Override
    public boolean keepsKeyOrder() {
        return true; // one record at a time per partition, replies keyed like the request
    }

    @Override
    public void start(ContenderContext run) {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench", Map.of(
                "bench.bootstrap-servers", run.bootstrapServers(),
                "bench.input", run.inputTopic(),
                "bench.output", run.outputTopic(),
                "bench.group", run.groupId(),
                "bench.concurrency", run.concurrency())));
        context.registerBean(DogToCat.class, run::work);
        context.register(SpringKafkaConfiguration.class);
        context.refresh(); // starts the listener containers
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
