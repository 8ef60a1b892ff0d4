package io.kclient.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayloadConvertersTests {

    record Dog(String id, String name, int age) {
    }

    public static class Pojo {
        public String name;
        public List<String> tags;
    }

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());

    @Test
    void readsARecordFromJson() {
        assertThat(read(Dog.class, "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}")).isEqualTo(new Dog("d1", "Rex", 3));
    }

    @Test
    void readsAPojoFromJson() {
        Pojo pojo = (Pojo) read(Pojo.class, "{\"name\":\"Rex\",\"tags\":[\"good\"]}");
        assertThat(pojo.name).isEqualTo("Rex");
        assertThat(pojo.tags).containsExactly("good");
    }

    @Test
    void readsRawTextThatIsNotJson() {
        assertThat(read(String.class, "just words, no quotes")).isEqualTo("just words, no quotes");
    }

    @Test
    void passesBytesThrough() {
        byte[] bytes = {0, 1, (byte) 0xff};
        assertThat(converters.readerFor(byte[].class).read(bytes)).isSameAs(bytes);
    }

    @Test
    void readsATree() {
        JsonNode tree = (JsonNode) read(JsonNode.class, "{\"name\":\"Rex\"}");
        assertThat(tree.get("name").asString()).isEqualTo("Rex");
    }

    @Test
    void readsAListOfRealElements() {
        Type listOfDogs = new TypeReference<List<Dog>>() { }.getType();
        List<?> dogs = (List<?>) read(listOfDogs, "[{\"id\":\"a\",\"name\":\"A\",\"age\":1},{\"id\":\"b\",\"name\":\"B\",\"age\":2}]");
        assertThat(dogs).hasSize(2).allSatisfy(dog -> assertThat(dog).isInstanceOf(Dog.class));
    }

    @Test
    void readsXml() {
        Document document = (Document) read(Document.class, "<kennel><dog name=\"Rex\"/></kennel>");
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("kennel");
    }

    @Test
    void refusesXmlWithADoctypeSoNoEntityIsEverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
        assertThatThrownBy(() -> read(Document.class, xxe)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void tombstonesAreNull() {
        assertThat(converters.readerFor(Dog.class).read(null)).isNull();
        assertThat(converters.readerFor(String.class).read(null)).isNull();
    }

    @Test
    void badJsonIsAConversionErrorNamingTheTypeAndAnExcerpt() {
        assertThatThrownBy(() -> read(Dog.class, "{\"id\": oops" + "x".repeat(1000)))
                .isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining(Dog.class.getName())
                .hasMessageContaining("(1011 bytes)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(800));
    }

    @Test
    void theExcerptCannotForgeLogLines() {
        assertThatThrownBy(() -> read(Dog.class, "{oops\n12:00:00 INFO forged\r\u001b[31m"))
                .isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("oops\\u000a12:00:00 INFO forged\\u000d\\u001b[31m")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u001b"));
    }

    @Test
    void wrongShapeIsAConversionError() {
        assertThatThrownBy(() -> read(Dog.class, "[1,2,3]")).isInstanceOf(PayloadConversionException.class);
        assertThatThrownBy(() -> read(Dog.class, "{\"age\":\"not a number\"}")).isInstanceOf(PayloadConversionException.class);
    }

    @Test
    void aPayloadNamingAClassInstantiatesOnlyTheDeclaredType() {
        Object read = read(Pojo.class, "{\"@class\":\"java.lang.ProcessBuilder\",\"@type\":\"java.net.URL\",\"name\":\"x\"}");
        assertThat(read).isInstanceOf(Pojo.class);
        assertThat(((Pojo) read).name).isEqualTo("x");
    }

    @Test
    void refusesTypesThatSayNothingAboutThePayload() {
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(int.class)).withMessageContaining("Primitive");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(Object.class));
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(Dog[].class)).withMessageContaining("List<Dog>");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(new TypeReference<List<?>>() { }.getType()));
        assertThat(converters.supports(Dog.class)).isTrue();
        assertThat(converters.supports(int.class)).isFalse();
    }

    @Test
    void writesEachKindOfValue() {
        assertThat(text(converters.write("raw text"))).isEqualTo("raw text");
        byte[] bytes = {1, 2};
        assertThat(converters.write(bytes)).isSameAs(bytes);
        assertThat(text(converters.write(new Dog("d1", "Rex", 3)))).isEqualTo("{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}");
        assertThat(text(converters.write(List.of(1, 2)))).isEqualTo("[1,2]");
        Document document = (Document) read(Document.class, "<kennel/>");
        assertThat(text(converters.write(document))).contains("<kennel/>");
        assertThat(converters.write(null)).isNull();
    }

    @Test
    void anOptionalIsItsTypeOrEmptyForATombstone() {
        Type optional = new TypeReference<Optional<Dog>>() { }.getType();

        assertThat(read(optional, "{\"id\":\"d1\",\"name\":\"Rex\",\"age\":3}")).isEqualTo(Optional.of(new Dog("d1", "Rex", 3)));
        assertThat(converters.readerFor(optional).read(null)).isEqualTo(Optional.empty());
    }

    /** Text in capitals: a format of its own type, to see formats chosen by the declared type. */
    record Shout(String text) {
    }

    static final class ShoutFormat implements PayloadFormat {

        @Override
        public String name() {
            return "shout";
        }

        @Override
        public boolean supports(Class<?> type) {
            return type == Shout.class;
        }

        @Override
        public Codec configure(Map<String, String> settings) {
            String mark = settings.getOrDefault("mark", "!");
            if (!settings.keySet().stream().allMatch("mark"::equals)) {
                throw new IllegalArgumentException("shout has only the setting mark");
            }
            return new Codec() {
                @Override
                public PayloadReader readerFor(Type type) {
                    return data -> data == null ? null : new Shout(new String(data, StandardCharsets.UTF_8).toLowerCase());
                }

                @Override
                public PayloadWriter writerFor(Class<?> type) {
                    return value -> (((Shout) value).text().toUpperCase() + mark).getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public PayloadSchema schemaOf(Class<?> type) {
                    return new PayloadSchema("text/shout", "CAPITALS" + mark);
                }
            };
        }
    }

    @Test
    void aTypeOfAPayloadFormatIsThatFormatsNotJsonWithItsSettings() {
        PayloadConverters shouting = converters.withFormats(List.of(new ShoutFormat())).withFormatSettings(Map.of("shout.mark", "?"));

        assertThat(text(shouting.write(new Shout("hi")))).isEqualTo("HI?");
        assertThat(shouting.readerFor(Shout.class).read("HI".getBytes(StandardCharsets.UTF_8))).isEqualTo(new Shout("hi"));
        assertThat(shouting.schemaOf(Shout.class)).isEqualTo(new PayloadSchema("text/shout", "CAPITALS?"));
        assertThat(shouting.schemaOf(Dog.class)).isNull();
        assertThat(text(converters.write(new Shout("hi")))).as("without the format: JSON").isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void formatSettingsAreCheckedWhenGiven() {
        PayloadConverters shouting = converters.withFormats(List.of(new ShoutFormat()));

        assertThatIllegalArgumentException().isThrownBy(() -> shouting.withFormatSettings(Map.of("shout.volume", "11")))
                .withMessage("Payload format 'shout': shout has only the setting mark");
        assertThatIllegalArgumentException().isThrownBy(() -> shouting.withFormatSettings(Map.of("avro.encoding", "binary")))
                .withMessageContaining("'avro.encoding' names no payload format on the class path (there are [shout])")
                .withMessageContaining("add io.kclient:kclient-avro");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("encoding", "binary")))
                .withMessageContaining("there is none").withMessageContaining("<format>.<setting>");
    }

    @Test
    void aListOfAFormatsTypeIsRefused() {
        PayloadConverters shouting = converters.withFormats(List.of(new ShoutFormat()));

        assertThatIllegalArgumentException().isThrownBy(() -> shouting.readerFor(new TypeReference<List<Shout>>() { }.getType()))
                .withMessageContaining("take one Shout per record");
    }

    private Object read(Type type, String payload) {
        return converters.readerFor(type).read(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
