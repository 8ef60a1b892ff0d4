package io.kclient.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.boot.autoconfigure.validation.BeanValidationPayloadValidator;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} block of the README stands, word for word (white space aside), in one of the
 * example sources of this package, which compile with the tests: a README example that stops
 * compiling fails the build.
 */
class ReadmeExamplesTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfTheReadmeIsCompiledHere() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String sources;
        try (Stream<Path> files = Files.list(Path.of("src/test/java/io/kclient/readme"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            sources = normalize(all.toString());
        }
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(5);
        for (String block : blocks) {
            assertThat(sources).as("README block compiled by the examples:%n%s", block).contains(normalize(block));
        }
    }

    @Test
    void theExamplesAreValidHandlers() {
        // build() validates every handler as a start would, without connecting
        KClient.builder().bootstrapServers("localhost:9")
                .handlers(new AnimalsHandler(), new ParameterExamples(), new ReturnExamples(), new ErrorHandlerExample(),
                        new ExactlyOnceExample(), new ValidationExample(), new AdoptionService(), new NodeEvents(),
                        new WorkQueueExample(), new RetryTopicsExample(), new BatchExample())
                .payloadValidator(new BeanValidationPayloadValidator(Validation.buildDefaultValidatorFactory().getValidator()))
                .build()
                .close();
    }

    private static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
