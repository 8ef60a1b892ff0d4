package io.kclient.avro;

import io.kclient.avro.test.AvroDog;
import io.kclient.avro.test.Chain;
import io.kclient.convert.Fuzzing;
import io.kclient.convert.PayloadConverters;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of Avro reading, as {@code ConversionFuzzTests} does for JSON and XML:
 * random bytes, and valid records (random contents) cut, spliced and flipped, in both encodings,
 * into generated, recursive and generic types, each read held to {@link Fuzzing}'s property: a
 * value or a {@code PayloadConversionException} (no out-of-memory error from a length a few bytes
 * claim), quickly.
 */
class AvroFuzzTests {

    private static final int TRIES = 2000;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String encoding : List.of("single-object", "binary")) {
            PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build()).withMaxPayloadBytes(64 * 1024)
                    .withFormatSettings(Map.of("avro.encoding", encoding, "avro.schema", AvroDog.getClassSchema().toString()));
            Map<String, Function<SplittableRandom, byte[]>> generators = Map.of(
                    "bytes", AvroFuzzTests::randomBytes,
                    "dogs", random -> Fuzzing.mutated(random, converters.write(dog(random))),
                    "chains", random -> Fuzzing.mutated(random, converters.write(chain(random, 0))));
            for (Type type : List.of(AvroDog.class, Chain.class, GenericRecord.class)) {
                generators.forEach((name, generator) -> cases.add(Arguments.of(encoding, name, type, converters, generator)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} into {2}")
    @MethodSource("cases")
    void aReadGivesAValueOrAConversionErrorAndNeverHangs(String encoding, String generator, Type type,
            PayloadConverters converters, Function<SplittableRandom, byte[]> inputs) {
        Fuzzing.assertReadsSafely(converters.readerFor(type), inputs, TRIES);
    }

    private static AvroDog dog(SplittableRandom random) {
        List<String> toys = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            toys.add(text(random));
        }
        return AvroDog.newBuilder().setId(text(random)).setName(text(random)).setAge(random.nextInt())
                .setToys(toys).setOwner(random.nextBoolean() ? null : text(random)).build();
    }

    private static Chain chain(SplittableRandom random, int depth) {
        return new Chain(random.nextInt(), depth < 20 && random.nextBoolean() ? chain(random, depth + 1) : null);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = Fuzzing.randomBytes(random);
        if (bytes.length > 2 && random.nextBoolean()) {
            bytes[0] = (byte) 0xC3; // past the single-object marker now and then
            bytes[1] = 0x01;
        }
        return bytes;
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) random.nextInt(0x20, 0x3000));
        }
        return text.toString();
    }
}
