package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample as Spring AOT leaves it ({@code spring-boot:process-aot}, bound to this module's
 * build): run on the JVM in a process of its own with {@code -Dspring.aot.enabled=true}, its
 * generated bean definitions instead of its configuration classes, it takes a dog over HTTP and
 * its handlers turn it into a cat. A native image cannot be built on this project's machines;
 * this is what AOT processing is checked by.
 */
class SampleAotIntegrationTests {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Path GENERATED = Path.of("target/classes/io/kclient/sample/SampleApplication__ApplicationContextInitializer.class");

    private Process application;

    @AfterEach
    void stop() throws InterruptedException {
        if (application != null) {
            application.destroy();
            if (!application.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
    }

    @Test
    void theAheadOfTimeProcessedSampleTurnsAPostedDogIntoACat() throws IOException, InterruptedException {
        assertThat(GENERATED).as("spring-boot:process-aot ran in this build (the process-classes phase)").exists();
        Path log = Path.of("target/aot-sample.log"); // kept, to read after a failure
        // its own broker, as the sample starts it: AOT processing decided at build time that it starts one
        application = new ProcessBuilder(List.of(java(), "-Xmx512m", "-Dspring.aot.enabled=true", "-cp", classPath(),
                SampleApplication.class.getName(), "--server.port=0", "--kclient.embedded.port=0", "--kclient.embedded.data-dir=",
                "--logging.level.org.springframework.boot=INFO")) // the test logging hides the line naming the port
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        long deadline = System.nanoTime() + START.toNanos();
        int port = 0;
        while (port == 0 && application.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            port = port(log);
        }
        assertThat(port).as("the sample's web server started within %s; its log:%n%s", START, Files.readString(log)).isPositive();
        assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication");

        Http http = new Http(port);
        assertThat(http.post("/api/messages/dogs?key=aot-1", "{\"id\":\"aot-1\",\"name\":\"Rex\",\"age\":3}").statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/messages/cats?limit=1000").body().contains("\"aot-1\""));
        assertThat(http.get("/actuator/asyncapi").body()).contains("\"dogs.DLT\"");
    }

    @Test
    void theNativeImageMetadataOfTheBuildNamesTheHandlersTheirMethodsAndPayloads() throws IOException {
        JsonNode metadata = JsonMapper.builder().build().readTree(
                Files.readString(Path.of("target/classes/META-INF/native-image/io.kclient/sample-app/reachability-metadata.json")));

        assertThat(reflection(metadata, "io.kclient.sample.animals.AnimalsHandler").get("methods").findValuesAsString("name"))
                .contains("onDog", "onBadDog");
        assertThat(reflection(metadata, "io.kclient.sample.animals.CatsHandler").get("methods").findValuesAsString("name"))
                .contains("onCat");
        assertThat(reflection(metadata, "io.kclient.sample.animals.Dog").path("allDeclaredConstructors").asBoolean()).isTrue();
        assertThat(metadata.get("resources").findValuesAsString("glob")).contains("META-INF/services/io.kclient.convert.PayloadFormat");
    }

    private static JsonNode reflection(JsonNode metadata, String type) {
        return metadata.get("reflection").valueStream().filter(entry -> entry.path("type").asString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " is not in the native image's reflection metadata"));
    }

    private static int port(Path log) throws IOException {
        Matcher matcher = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path: Surefire's own launcher jar hides it behind a manifest, and names it in a property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
