package io.kclient.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A {@link SpringBootTest} of an application's handlers against a real Kafka broker started
 * in-process for the test's application context: {@code kclient.bootstrap-servers} points at it
 * (over whatever the application configures), and a {@link KClientTestTemplate} bean sends
 * payloads and awaits what handlers publish.
 *
 * <pre>{@code
 * @KClientTest
 * class AnimalsHandlerIntegrationTests {
 *
 *     @Autowired
 *     KClientTestTemplate kafka;
 *
 *     @Test
 *     void turnsADogIntoACat() {
 *         kafka.send("dogs", "d1", new Dog("d1", "Rex", 3));
 *         assertThat(kafka.awaitOutput("cats", Cat.class, Duration.ofSeconds(10))).isEqualTo(new Cat("d1", "Rex", 3));
 *     }
 * }
 * }</pre>
 *
 * Test classes with the same configuration share one cached context, so one broker; its topics
 * (and what earlier tests left in them) stay for the context's life.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ContextCustomizerFactories(KClientTestContextCustomizerFactory.class)
public @interface KClientTest {

    /** Properties of the test's environment, {@code key=value}, as {@link SpringBootTest#properties()}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /** The application's configuration classes, as {@link SpringBootTest#classes()}; by default found from the test's package. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};
}
