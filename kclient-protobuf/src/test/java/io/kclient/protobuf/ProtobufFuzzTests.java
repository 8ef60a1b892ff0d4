package io.kclient.protobuf;

import io.kclient.convert.Fuzzing;
import io.kclient.convert.PayloadConverters;
import io.kclient.protobuf.test.Chain;
import io.kclient.protobuf.test.Owner;
import io.kclient.protobuf.test.ProtoDog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of Protobuf reading, as {@code ConversionFuzzTests} does for JSON and
 * XML: random bytes, and valid messages (random contents, nested, maps, deep chains) cut, spliced
 * and flipped, with unknown fields kept and refused, each read held to {@link Fuzzing}'s property:
 * a value or a {@code PayloadConversionException}, quickly.
 */
class ProtobufFuzzTests {

    private static final int TRIES = 2000;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String unknownFields : List.of("keep", "refuse")) {
            PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build()).withMaxPayloadBytes(64 * 1024)
                    .withFormatSettings(Map.of("protobuf.unknown-fields", unknownFields));
            Map<String, Function<SplittableRandom, byte[]>> generators = Map.of(
                    "bytes", Fuzzing::randomBytes,
                    "dogs", random -> Fuzzing.mutated(random, dog(random).toByteArray()),
                    "chains", random -> Fuzzing.mutated(random, chain(random, random.nextInt(150)).toByteArray()));
            for (Class<?> type : List.of(ProtoDog.class, Chain.class)) {
                generators.forEach((name, generator) -> cases.add(Arguments.of(unknownFields, name, type, converters, generator)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "unknown fields {0}: {1} into {2}")
    @MethodSource("cases")
    void aReadGivesAValueOrAConversionErrorAndNeverHangs(String unknownFields, String generator, Class<?> type,
            PayloadConverters converters, Function<SplittableRandom, byte[]> inputs) {
        Fuzzing.assertReadsSafely(converters.readerFor(type), inputs, TRIES);
    }

    private static ProtoDog dog(SplittableRandom random) {
        ProtoDog.Builder dog = ProtoDog.newBuilder().setId(text(random)).setName(text(random)).setAge(random.nextInt());
        for (int i = random.nextInt(4); i > 0; i--) {
            dog.addToys(text(random));
        }
        if (random.nextBoolean()) {
            dog.setOwner(Owner.newBuilder().setName(text(random)).putPhones(text(random), text(random)));
        }
        return dog.build();
    }

    /** A chain of {@code depth} links: past 100, deeper than Protobuf reads. */
    private static Chain chain(SplittableRandom random, int depth) {
        Chain chain = Chain.newBuilder().setValue(random.nextInt()).build();
        for (int i = 0; i < depth; i++) {
            chain = Chain.newBuilder().setValue(random.nextInt()).setNext(chain).build();
        }
        return chain;
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) random.nextInt(0x20, 0x3000));
        }
        return text.toString();
    }
}
