package io.kclient.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.KClient;
import io.kclient.KafkaPublisher;
import io.kclient.boot.autoconfigure.validation.BeanValidationPayloadValidator;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of every Markdown page (README, CONTRIBUTING, docs/) stands, word for
 * word (white space aside), in exactly one example source of this package, which compiles with the
 * tests: an example that stops compiling fails the build, and the failure names the page and line.
 */
class DocsExamplesTests {

    private static final Path EXAMPLES = Path.of("src/test/java/io/kclient/docs");

    /** A java block of a page, and the line its fence opens on. */
    record Block(String page, int line, String code) {

        String where() {
            return page + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockStandsInExactlyOneCompiledSource() throws IOException {
        Map<String, String> sources = exampleSources();
        List<Block> blocks = javaBlocks();
        assertThat(blocks).as("java blocks in the docs").hasSizeGreaterThanOrEqualTo(15);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> {
            String code = normalize(block.code());
            List<String> holders = sources.entrySet().stream().filter(source -> source.getValue().contains(code))
                    .map(Map.Entry::getKey).toList();
            assertThat(holders).as("""
                    the java block at %s must stand, word for word (white space aside), in exactly one source of %s, \
                    where it compiles with the tests; write the example there and copy it into the page:%n%s""",
                    block.where(), EXAMPLES, block.code()).hasSize(1);
        }));
    }

    @Test
    void noExampleIsShownTwice() {
        Map<String, List<String>> places = new LinkedHashMap<>();
        for (Block block : javaBlocks()) {
            places.computeIfAbsent(normalize(block.code()), code -> new ArrayList<>()).add(block.where());
        }
        assertThat(places.values().stream().filter(where -> where.size() > 1))
                .as("java blocks shown more than once: an example lives on one page; link to it from the others").isEmpty();
    }

    @Test
    void theExamplesAreValidHandlers() {
        // build() validates every handler as a start would, without connecting
        KClient.builder().bootstrapServers("localhost:9")
                .handlers(new AnimalsHandler(), new ParameterExamples(), new ReturnExamples(), new ErrorHandlerExample(),
                        new ExactlyOnceExample(), new ValidationExample(), new AdoptionService(), new NodeEvents(),
                        new WorkQueueExample(), new RetryTopicsExample(), new AuditHandlers(), new TombstoneExamples(),
                        new AvroExamples(), new ProtobufExamples(),
                        new KennelHandler(KafkaPublisher.builder().bootstrapServers("localhost:9").build()))
                .formatSettings(Map.of("avro.schema", "classpath:avro/dog.avsc")) // docs/formats.md sets it for legacyDogs alone
                .payloadValidator(new BeanValidationPayloadValidator(Validation.buildDefaultValidatorFactory().getValidator()))
                .build()
                .close();
    }

    /** The java blocks of every page, in page order. */
    static List<Block> javaBlocks() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : MarkdownPages.all()) {
            List<String> lines = MarkdownPages.lines(page);
            StringBuilder code = null;
            int opened = 0;
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (MarkdownPages.isFence(line)) {
                    if (!inFence && line.strip().equals("```java")) {
                        code = new StringBuilder();
                        opened = i + 1;
                    } else if (inFence && code != null) {
                        blocks.add(new Block(MarkdownPages.name(page), opened, code.toString()));
                        code = null;
                    }
                    inFence = !inFence;
                } else if (code != null) {
                    code.append(line).append('\n');
                }
            }
        }
        return blocks;
    }

    private static Map<String, String> exampleSources() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted()
                    .collect(Collectors.toMap(file -> file.getFileName().toString(), DocsExamplesTests::readNormalized,
                            (a, b) -> a, LinkedHashMap::new));
        }
    }

    private static String readNormalized(Path file) {
        try {
            return normalize(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
