package io.kclient.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.kclient.KClientConfigurationException;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** Each test sends an attack to the conversion layer: nothing named is instantiated, nothing costs unbounded time. */
class HostilePayloadsTests {

    /** Every rejection below must come well within this, on a loaded machine. */
    private static final Duration FAST = Duration.ofSeconds(10);

    private static final Type MAP = new TypeReference<Map<String, Object>>() { }.getType();
    private static final Type LIST = new TypeReference<List<Object>>() { }.getType();

    public static class Pojo {
        public String name;
        public Object extra;
    }

    public static class ClassTyped {
        @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
        public Object value;
    }

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());

    @BeforeEach
    void resetCounter() {
        Gadget.USES.set(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.kclient.convert.Gadget", "java.net.URL", "javax.naming.InitialContext",
            "org.springframework.context.support.ClassPathXmlApplicationContext", "com.sun.rowset.JdbcRowSetImpl"})
    void aClassNamedByThePayloadIsPlainDataInAPojo(String gadget) {
        String payload = "{\"@class\":\"" + gadget + "\",\"name\":\"Rex\",\"extra\":{\"@type\":\"" + gadget
                + "\",\"command\":\"rm -rf /\"},\"more\":[\"" + gadget + "\",{\"command\":\"x\"}]}";

        Pojo pojo = (Pojo) read(Pojo.class, payload);

        assertThat(pojo.name).isEqualTo("Rex");
        assertThat(pojo.extra).isInstanceOf(Map.class);
        assertThat(Gadget.USES).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.kclient.convert.Gadget", "java.net.URL", "javax.naming.InitialContext",
            "org.springframework.context.support.ClassPathXmlApplicationContext"})
    void aClassNamedByThePayloadIsPlainDataInAMapATreeAndAList(String gadget) {
        String object = "{\"@class\":\"" + gadget + "\",\"@type\":\"" + gadget + "\",\"command\":\"calc\"}";
        String array = "[\"" + gadget + "\"," + object + "]";

        Map<?, ?> map = (Map<?, ?>) read(MAP, object);
        JsonNode tree = (JsonNode) read(JsonNode.class, object);
        List<?> list = (List<?>) read(LIST, array);

        assertThat(map.get("@class")).isEqualTo(gadget);
        assertThat(tree.get("@type").asString()).isEqualTo(gadget);
        assertThat(list).first().isEqualTo(gadget);
        assertThat(list.get(1)).isInstanceOf(Map.class);
        assertThat(Gadget.USES).hasValue(0);
    }

    @Test
    void theApplicationsDefaultTypingIsNotUsedAndItsMapperIsLeftAlone() {
        JsonMapper withDefaultTyping = JsonMapper.builder()
                .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build(),
                        DefaultTyping.NON_FINAL).build();
        // what the application's own mapper would do with the attack: instantiate the gadget
        String attack = "[\"java.util.HashMap\",{\"x\":[\"io.kclient.convert.Gadget\",{\"command\":\"calc\"}]}]";
        assertThat(withDefaultTyping.readValue(attack, Object.class)).isInstanceOf(Map.class);
        assertThat(Gadget.USES).hasPositiveValue();
        Gadget.USES.set(0);

        PayloadConverters kclient = new PayloadConverters(withDefaultTyping);
        Object read = kclient.readerFor(MAP).read("{\"x\":[\"io.kclient.convert.Gadget\",{\"command\":\"calc\"}]}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(((Map<?, ?>) read).get("x")).isInstanceOf(List.class);
        assertThat(Gadget.USES).hasValue(0);
        assertThat(withDefaultTyping.deserializationConfig().getDefaultTyper(withDefaultTyping.constructType(Object.class)))
                .as("the application's mapper keeps its settings").isNotNull();
    }

    @Test
    void aClassNameWhereTheDeclaredBaseIsObjectIsRefused() {
        String payload = "{\"value\":{\"@class\":\"io.kclient.convert.Gadget\",\"command\":\"calc\"}}";

        assertThatThrownBy(() -> read(ClassTyped.class, payload)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("denied resolution of all subtypes of base type `java.lang.Object`");
        assertThat(Gadget.USES).hasValue(0);
    }

    @Test
    void aMapperThatIsNotJsonIsRefusedAtStart() {
        assertThatThrownBy(() -> new PayloadConverters(new ObjectMapper()))
                .isInstanceOf(KClientConfigurationException.class).hasMessageContaining("pass a JsonMapper");
    }

    @Test
    void deepNestingIsRefusedFast() {
        String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObjects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        for (Type type : List.of(JsonNode.class, LIST, MAP, Pojo.class)) {
            String payload = type == MAP || type == Pojo.class ? deepObjects : deepArrays;
            assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> read(type, payload))
                    .as(type.getTypeName()).isInstanceOf(PayloadConversionException.class));
        }
        assertThatThrownBy(() -> read(JsonNode.class, "[".repeat(501) + "]".repeat(501)))
                .hasMessageContaining("nesting depth");
    }

    @Test
    void hugeNumbersAreRefusedFast() {
        String digits = "9".repeat(100_000);

        assertTimeoutPreemptively(FAST, () -> {
            assertThatThrownBy(() -> read(JsonNode.class, "{\"n\":" + digits + "}"))
                    .isInstanceOf(PayloadConversionException.class).hasMessageContaining("Number value length");
            assertThatThrownBy(() -> read(BigInteger.class, digits)).isInstanceOf(PayloadConversionException.class);
            assertThatThrownBy(() -> read(JsonNode.class, "{\"n\":0." + digits + "e5}")).isInstanceOf(PayloadConversionException.class);
        });
    }

    @Test
    void anApplicationCannotLoosenTheBoundsButMayTightenThem() {
        JsonMapper loose = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build()).build()).build();
        JsonMapper strict = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(3).build()).build()).build();
        byte[] deep = ("[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new PayloadConverters(loose).readerFor(JsonNode.class).read(deep))
                .isInstanceOf(PayloadConversionException.class);
        assertThatThrownBy(() -> new PayloadConverters(strict).readerFor(JsonNode.class).read("[[[[1]]]]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PayloadConversionException.class);
        assertThat(loose.readTree(deep)).as("the application's own mapper keeps its settings").isNotNull();
    }

    @Test
    void externalEntitiesReadNoFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE dog [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]><dog>&xxe;</dog>";
        String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE dog [<!ENTITY % p SYSTEM \"" + secret.toUri()
                + "\"> %p;]><dog/>";

        for (String payload : List.of(xxe, parameterEntity)) {
            assertThatThrownBy(() -> read(Document.class, payload))
                    .isInstanceOf(PayloadConversionException.class)
                    .hasMessageContaining("DOCTYPE")
                    .hasMessageNotContaining("TOP-SECRET-42");
        }
    }

    @Test
    void billionLaughsIsRefusedFast() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><lolz>&lol9;</lolz>");

        assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> read(Document.class, laughs.toString()))
                .isInstanceOf(PayloadConversionException.class));
    }

    @Test
    void deepXmlIsRefusedFast() {
        String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);

        assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> read(Document.class, deep))
                .isInstanceOf(PayloadConversionException.class));
    }

    @Test
    void aPayloadOverTheLimitIsRefusedUnreadWhateverTheType() {
        PayloadConverters limited = converters.withMaxPayloadBytes(10);
        byte[] eleven = "\"123456789\"".getBytes(StandardCharsets.UTF_8);
        byte[] ten = "\"12345678\"".getBytes(StandardCharsets.UTF_8);

        for (Type type : List.of(String.class, byte[].class, JsonNode.class, Document.class, Pojo.class)) {
            assertThatThrownBy(() -> limited.readerFor(type).read(eleven))
                    .isInstanceOf(PayloadTooLargeException.class)
                    .hasMessageContaining("11 bytes").hasMessageContaining("10 bytes").hasMessageContaining("max-payload-bytes");
        }
        assertThat(limited.readerFor(String.class).read(ten)).isEqualTo("\"12345678\"");
        assertThat(converters.maxPayloadBytes()).isEqualTo(PayloadConverters.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    private Object read(Type type, String payload) {
        return converters.readerFor(type).read(payload.getBytes(StandardCharsets.UTF_8));
    }
}
