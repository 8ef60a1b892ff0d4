package io.kclient.convert;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of the conversion layer: random bytes, random (and randomly broken) JSON
 * and random (and randomly hostile) XML into every kind of payload type, holding each read to
 * {@link Fuzzing}'s property: a value or a {@link PayloadConversionException}, quickly.
 */
class ConversionFuzzTests {

    /** Tries per generator and type: about 30,000 reads in all, a few seconds. */
    private static final int TRIES = 1500;

    record Dog(String id, String name, int age) {
    }

    public static class Kennel {
        public String name;
        public List<Dog> dogs;
        public Map<String, Object> extra;
        public BigDecimal fee;
    }

    private static final List<Type> TYPES = List.of(String.class, byte[].class, JsonNode.class, Dog.class, Kennel.class,
            Document.class, new TypeReference<Map<String, Object>>() { }.getType(), new TypeReference<List<Dog>>() { }.getType());

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build()).withMaxPayloadBytes(64 * 1024);

    static Stream<Arguments> cases() {
        Map<String, Function<SplittableRandom, byte[]>> generators = Map.of(
                "bytes", Fuzzing::randomBytes,
                "json", random -> utf8(mutated(random, json(random, 0))),
                "xml", random -> utf8(mutated(random, xml(random, 0))));
        return generators.entrySet().stream()
                .flatMap(generator -> TYPES.stream().map(type -> Arguments.of(generator.getKey(), type, generator.getValue())));
    }

    @ParameterizedTest(name = "{0} into {1}")
    @MethodSource("cases")
    void aReadGivesAValueOrAConversionErrorAndNeverHangs(String generator, Type type, Function<SplittableRandom, byte[]> inputs) {
        Fuzzing.assertReadsSafely(converters.readerFor(type), inputs, TRIES);
    }

    /** A JSON value, deeper and wider at random; now and then a huge number, a class name or a deep run of brackets. */
    private static String json(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 6 ? 5 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> random.nextInt(20) == 0 ? "9".repeat(random.nextInt(900, 1200)) + "e" + random.nextInt() : Long.toString(random.nextLong());
            case 3 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-400, 400)));
            case 4 -> '"' + text(random) + '"';
            case 5 -> "[".repeat(random.nextInt(1, 700)) + "]".repeat(random.nextInt(1, 700));
            case 6 -> "{\"@class\":\"" + GADGETS[random.nextInt(GADGETS.length)] + "\",\"name\":" + json(random, depth + 1) + "}";
            case 7 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.append(json(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":").append(json(random, depth + 1))
                            .append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    /** An XML document, sometimes with a DOCTYPE, entities, deep nesting or processing instructions. */
    private static String xml(SplittableRandom random, int depth) {
        if (depth == 0) {
            String prolog = switch (random.nextInt(6)) {
                case 0 -> "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>";
                case 1 -> "<!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\">]>";
                case 2 -> "<?xml-stylesheet href=\"http://example.invalid/x.xsl\"?>";
                default -> "";
            };
            String body = random.nextInt(15) == 0 ? "<a>".repeat(random.nextInt(400, 700)) + "</a>".repeat(random.nextInt(400, 700))
                    : xml(random, 1);
            return "<?xml version=\"1.0\"?>" + prolog + body;
        }
        String tag = FIELDS[random.nextInt(FIELDS.length)];
        StringBuilder element = new StringBuilder("<").append(tag);
        if (random.nextBoolean()) {
            element.append(" x=\"").append(text(random).replace("\"", "")).append('"');
        }
        element.append('>');
        for (int i = depth > 5 ? 0 : random.nextInt(4); i > 0; i--) {
            element.append(random.nextInt(4) == 0 ? "&e;" : xml(random, depth + 1));
        }
        return element.append(random.nextBoolean() ? text(random) : "").append("</").append(tag).append('>').toString();
    }

    /** Cuts, splices or flips a few characters of a well-formed document: the malformed input parsers meet. */
    private static String mutated(SplittableRandom random, String document) {
        StringBuilder text = new StringBuilder(document);
        for (int i = random.nextInt(4); i > 0 && text.length() > 0; i--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) (random.nextBoolean() ? random.nextInt(0x20, 0x7f) : random.nextInt(0x80, 0x3000)));
        }
        return text.toString().replace("\\", "").replace("\"", "'");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Characters that break JSON and XML, a NUL and half a surrogate pair among them. */
    private static final String NOISE = "{}[]<>\"&;:,\\\u0000\uD800x";
    private static final String[] GADGETS = {"io.kclient.convert.Gadget", "java.net.URL", "javax.naming.InitialContext",
            "org.springframework.context.support.ClassPathXmlApplicationContext", "com.sun.rowset.JdbcRowSetImpl"};
    private static final String[] FIELDS = {"id", "name", "age", "dogs", "extra", "fee", "a", "@type", "b"};
}
