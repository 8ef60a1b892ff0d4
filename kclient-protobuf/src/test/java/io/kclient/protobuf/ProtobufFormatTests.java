package io.kclient.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.UnknownFieldSet;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadSchema;
import io.kclient.protobuf.test.Chain;
import io.kclient.protobuf.test.Owner;
import io.kclient.protobuf.test.ProtoCat;
import io.kclient.protobuf.test.ProtoDog;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Protobuf through the engine's converters, which find the format on the class path. */
class ProtobufFormatTests {

    private static final ProtoDog REX = ProtoDog.newBuilder().setId("d1").setName("Rex").setAge(3).addToys("ball")
            .setOwner(Owner.newBuilder().setName("Ann").putPhones("home", "555")).build();

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
    private final PayloadConverters strict = converters.withFormatSettings(Map.of("protobuf.unknown-fields", "refuse"));

    @Test
    void aGeneratedMessageIsReadAndWrittenInProtobufBinary() {
        assertThat(converters.write(REX)).isEqualTo(REX.toByteArray());
        assertThat(converters.readerFor(ProtoDog.class).read(REX.toByteArray())).isEqualTo(REX);
        assertThat(converters.readerFor(ProtoDog.class).read(null)).isNull();
    }

    @Test
    void aPayloadCutInsideAFieldIsAPoisonPill() {
        byte[] whole = REX.toByteArray();

        // a cut between fields leaves a valid, shorter message: Protobuf binary cannot tell, so only cuts inside a field fail
        for (byte[] cut : new byte[][] {Arrays.copyOf(whole, whole.length - 1), Arrays.copyOf(whole, 6)}) {
            assertThatThrownBy(() -> converters.readerFor(ProtoDog.class).read(cut)).isInstanceOf(PayloadConversionException.class)
                    .hasMessageContaining("io.kclient.protobuf.test.ProtoDog").hasMessageContaining("truncated");
        }
    }

    @Test
    void aLengthLargerThanThePayloadIsRefused() {
        byte[] claim = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'x'}; // id: a 2 GiB string in 7 bytes

        assertThatThrownBy(() -> converters.readerFor(ProtoDog.class).read(claim)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void nestingDeeperThanProtobufsLimitIsAPoisonPill() {
        Chain chain = Chain.newBuilder().setValue(1).build();
        for (int i = 0; i < 200; i++) {
            chain = Chain.newBuilder().setValue(i).setNext(chain).build();
        }
        byte[] deep = chain.toByteArray();

        assertThatThrownBy(() -> converters.readerFor(Chain.class).read(deep)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("too many levels of nesting");
    }

    @Test
    void aPayloadOfAnotherTypeIsReadByDefaultAndRefusedWhenUnknownFieldsAreRefused() {
        byte[] dog = REX.toByteArray();

        ProtoCat asCat = (ProtoCat) converters.readerFor(ProtoCat.class).read(dog);
        assertThat(asCat.getName()).isEqualTo("Rex");
        assertThat(asCat.getUnknownFields().asMap()).containsOnlyKeys(4, 5);
        assertThatThrownBy(() -> strict.readerFor(ProtoCat.class).read(dog)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("io.kclient.protobuf.test.ProtoCat has fields io.kclient.protobuf.test.ProtoCat does not know");
    }

    @Test
    void unknownFieldsAreFoundAtAnyDepth() {
        Owner newerOwner = REX.getOwner().toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(9, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()).build();
        byte[] dog = REX.toBuilder().setOwner(newerOwner).build().toByteArray();

        assertThatThrownBy(() -> strict.readerFor(ProtoDog.class).read(dog)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("io.kclient.protobuf.test.ProtoDog.owner has fields");
        assertThat(strict.readerFor(ProtoDog.class).read(REX.toByteArray())).isEqualTo(REX);
        assertThat(converters.readerFor(ProtoDog.class).read(dog)).isEqualTo(REX.toBuilder().setOwner(newerOwner).build());
    }

    @Test
    void theDeclaredTypeMustBeAGeneratedClassAndSettingsMustFit() {
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(Message.class))
                .withMessageContaining("declare the class protoc generated");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(MessageLite.class));
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("protobuf.encoding", "json")))
                .withMessageContaining("'protobuf.encoding'").withMessageContaining("Protobuf binary is the only encoding");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("protobuf.unknown-fields", "drop")))
                .withMessageContaining("keep (the default), refuse");
    }

    @Test
    void aJsonPayloadIsAPoisonPillWithTheParsersReason() {
        byte[] json = "{\"id\":\"d1\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> converters.readerFor(ProtoDog.class).read(json)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("Payload is not a valid Protobuf io.kclient.protobuf.test.ProtoDog (11 bytes)");
    }

    @Test
    void theSchemaOfAMessageIsTheProtoFileItCameFrom() {
        PayloadSchema schema = converters.schemaOf(ProtoDog.class);

        assertThat(schema.schemaFormat()).isEqualTo("application/vnd.google.protobuf;version=3");
        assertThat(schema.schema()).startsWith("syntax = \"proto3\";\n\npackage kclient.test;\n")
                .contains("message ProtoDog {\n  string id = 1;\n  string name = 2;\n  int32 age = 3;\n"
                        + "  repeated string toys = 4;\n  .kclient.test.Owner owner = 5;\n}\n")
                .contains("message Owner {\n  string name = 1;\n  map<string, string> phones = 2;\n}\n")
                .contains("message Chain {\n  int32 value = 1;\n  .kclient.test.Chain next = 2;\n}\n");
    }
}
