package io.kclient.bench.contender;

import io.kclient.bench.model.Cat;
import io.kclient.bench.model.Dog;
import io.kclient.bench.model.DogToCat;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * What Spring Boot's Kafka auto-configuration builds for a user who set
 * {@code spring.kafka.bootstrap-servers}, {@code spring.kafka.consumer.auto-offset-reset=earliest},
 * JSON (de)serializers with a default value type, and {@code spring.kafka.listener.concurrency}:
 * a consumer factory, a producer factory and a {@link KafkaTemplate}, and the container factory
 * with that template as its reply template. Everything else keeps the defaults (ack mode
 * {@code BATCH}, Kafka's client defaults, type headers on the JSON). The JSON serializer and
 * deserializers are the ones those class names make, given instead as instances over one mapper
 * for the JVM's life ({@link ApplicationJson}), since the benchmark starts the context anew for
 * every round.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafka
public class SpringKafkaConfiguration {

    @Bean
    public ConsumerFactory<String, Dog> consumerFactory(Environment env) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getRequiredProperty("bench.bootstrap-servers"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(JacksonJsonDeserializer.VALUE_DEFAULT_TYPE, Dog.class.getName());
        config.put(JacksonJsonDeserializer.TRUSTED_PACKAGES, Dog.class.getPackageName());
        // a deserializer per consumer, as the class names would make, over the JVM's one mapper (see ApplicationJson)
        return new DefaultKafkaConsumerFactory<>(config, StringDeserializer::new,
                () -> new JacksonJsonDeserializer<>(ApplicationJson.spring()));
    }

    @Bean
    public ProducerFactory<String, Cat> producerFactory(Environment env) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getRequiredProperty("bench.bootstrap-servers"));
        return new DefaultKafkaProducerFactory<>(config, StringSerializer::new,
                () -> new JacksonJsonSerializer<>(ApplicationJson.spring()));
    }

    @Bean
    public KafkaTemplate<String, Cat> kafkaTemplate(ProducerFactory<String, Cat> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, Dog> kafkaListenerContainerFactory(
            ConsumerFactory<String, Dog> consumerFactory, KafkaTemplate<String, Cat> kafkaTemplate, Environment env) {
        ConcurrentKafkaListenerContainerFactory<String, Dog> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setReplyTemplate(kafkaTemplate);
        factory.setConcurrency(env.getRequiredProperty("bench.concurrency", Integer.class));
        return factory;
    }

    @Bean
    public SpringDogListener springDogListener(DogToCat work) {
        return new SpringDogListener(work);
    }
}
