package io.kclient.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.avro.test.AvroCat;
import io.kclient.avro.test.AvroDog;
import io.kclient.convert.PayloadConversionException;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadSchema;
import io.kclient.convert.PayloadTooLargeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Avro through the engine's converters, which find the format on the class path. */
class AvroFormatTests {

    private static final AvroDog REX = AvroDog.newBuilder().setId("d1").setName("Rex").setAge(3).setToys(List.of("ball")).build();

    private final PayloadConverters converters = new PayloadConverters(JsonMapper.builder().build());
    private final PayloadConverters binary = converters.withFormatSettings(Map.of("avro.encoding", "binary"));

    @Test
    void aGeneratedClassIsReadAndWrittenInSingleObjectEncodingAsItsOwnMethodsDo() throws IOException {
        byte[] written = converters.write(REX);

        assertThat(written).isEqualTo(bytes(REX.toByteBuffer()));
        assertThat(converters.readerFor(AvroDog.class).read(bytes(REX.toByteBuffer()))).isEqualTo(REX);
        assertThat(decodedByAvro(written, AvroDog.getClassSchema())).isEqualTo(decodedByAvro(bytes(REX.toByteBuffer()), AvroDog.getClassSchema()));
    }

    @Test
    void binaryEncodingIsTheBareRecord() {
        byte[] written = binary.write(REX);

        assertThat(written).hasSize(converters.write(REX).length - 10);
        assertThat(binary.readerFor(AvroDog.class).read(written)).isEqualTo(REX);
    }

    @Test
    void aGenericRecordIsReadWithTheSchemaOfTheHandlerSettingAndWrittenWithItsOwn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("dog.avsc"), AvroDog.getClassSchema().toString());
        for (String setting : List.of(AvroDog.getClassSchema().toString(), file.toString(), "file:" + file)) {
            PayloadConverters generic = converters.withFormatSettings(Map.of("avro.schema", setting));

            GenericRecord dog = (GenericRecord) generic.readerFor(GenericRecord.class).read(converters.write(REX));

            assertThat(dog.get("name")).hasToString("Rex");
            assertThat(dog.get("age")).isEqualTo(3);
            assertThat(generic.write(dog)).isEqualTo(bytes(REX.toByteBuffer()));
        }
    }

    @Test
    void aGenericRecordWithoutASchemaFailsTheStartSayingWhichSettingToSet() throws IOException {
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(GenericRecord.class))
                .withMessageContaining("set the handler setting avro.schema").withMessageContaining("classpath:");
        GenericRecord record = new GenericData.Record(AvroCat.getClassSchema());
        record.put("id", "c1");
        record.put("name", "Tom");
        record.put("lives", 9);
        assertThat(converters.write(record)).isEqualTo(bytes(new AvroCat("c1", "Tom", 9).toByteBuffer()));
    }

    @Test
    void settingsThatDoNotFitFailTheStartNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("avro.encodng", "binary")))
                .withMessageContaining("'avro.encodng'").withMessageContaining("avro.encoding and avro.schema");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("avro.encoding", "json")))
                .withMessageContaining("'json'").withMessageContaining("single-object, binary");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("avro.schema", "classpath:none.avsc")))
                .withMessageContaining("not on the class path");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("avro.schema", "{\"type\": \"rec")))
                .withMessageContaining("is not an Avro schema");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("avro.schema", "\"string\""))
                .readerFor(GenericRecord.class)).withMessageContaining("give a record schema");
        assertThatIllegalArgumentException().isThrownBy(() -> converters.withFormatSettings(Map.of("avrow.encoding", "binary")))
                .withMessageContaining("names no payload format").withMessageContaining("[avro]");
    }

    @Test
    void aListOfRecordsIsNoPayload() {
        assertThatIllegalArgumentException().isThrownBy(() -> converters.readerFor(AvroDog[].class));
        assertThat(converters.supports(new io.kclient.avro.TypeOf<List<AvroDog>>() { }.type())).isFalse();
    }

    @Test
    void aPayloadOfAnotherSchemaIsAPoisonPillNamingBothFingerprints() {
        byte[] cat = converters.write(new AvroCat("c1", "Tom", 9));

        assertThatThrownBy(() -> converters.readerFor(AvroDog.class).read(cat)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("io.kclient.avro.test.AvroDog").hasMessageContaining("written with the schema of fingerprint")
                .hasMessageContaining("another schema");
    }

    @Test
    void aPayloadThatIsNotSingleObjectEncodedSaysSoAndNamesTheSetting() {
        byte[] json = "{\"id\":\"d1\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> converters.readerFor(AvroDog.class).read(json)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("does not start with the single-object marker C3 01 (it starts 7b 22 69 64)")
                .hasMessageContaining("avro.encoding=binary");
    }

    @Test
    void truncatedPayloadsArePoisonPills() {
        byte[] whole = converters.write(REX);
        byte[] bare = binary.write(REX);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> converters.readerFor(AvroDog.class).read(cut)).isInstanceOf(PayloadConversionException.class);
        }
        for (int length = 0; length < bare.length; length++) {
            byte[] cut = Arrays.copyOf(bare, length);
            assertThatThrownBy(() -> binary.readerFor(AvroDog.class).read(cut)).isInstanceOf(PayloadConversionException.class)
                    .hasMessageContaining("binary encoding");
        }
    }

    @Test
    void bytesAfterTheRecordArePoisonPillsToo() {
        byte[] longer = Arrays.copyOf(binary.write(REX), binary.write(REX).length + 3);

        assertThatThrownBy(() -> binary.readerFor(AvroDog.class).read(longer)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("bytes follow the record");
    }

    @Test
    void aLengthOrCountLargerThanThePayloadIsRefusedBeforeAnythingIsAllocated() {
        // id claims a string of 2^30 bytes; toys claims 2^30 elements: a few bytes asking for gigabytes
        byte[] hugeString = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'x'};
        byte[] hugeArray = {0x02, 'a', 0x02, 'b', 0x06, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x02, 'c'};

        assertThatThrownBy(() -> binary.readerFor(AvroDog.class).read(hugeString)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("bytes");
        assertThatThrownBy(() -> binary.readerFor(AvroDog.class).read(hugeArray)).isInstanceOf(PayloadConversionException.class);
    }

    @Test
    void aPayloadNestingARecursiveSchemaDeeperThanTheStackIsAPoisonPill() {
        byte[] deep = new byte[1024 * 1024 - 1]; // {value 0, next: branch 1 -> {value 0, next: ...}}: 2 bytes a level
        for (int i = 0; i < deep.length - 1; i += 2) {
            deep[i] = 0x00;
            deep[i + 1] = 0x02;
        }

        assertThatThrownBy(() -> binary.readerFor(io.kclient.avro.test.Chain.class).read(deep))
                .isInstanceOf(PayloadConversionException.class).hasMessageContaining("nests records too deeply");
    }

    @Test
    void theSizeLimitHoldsBeforeAvroReadsAnything() {
        assertThatThrownBy(() -> converters.withMaxPayloadBytes(10).readerFor(AvroDog.class).read(converters.write(REX)))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void theSchemaOfAPayloadTypeIsItsAvroSchema() {
        PayloadSchema schema = converters.schemaOf(AvroDog.class);

        assertThat(schema.schemaFormat()).isEqualTo("application/vnd.apache.avro+json;version=1.9.0");
        assertThat(new Schema.Parser().parse(schema.schema())).isEqualTo(AvroDog.getClassSchema());
        assertThat(converters.schemaOf(GenericRecord.class)).isNull();
        assertThat(converters.withFormatSettings(Map.of("avro.schema", AvroCat.getClassSchema().toString())).schemaOf(GenericRecord.class)
                .schema()).isEqualTo(AvroCat.getClassSchema().toString());
    }

    /**
     * Avro's own single-object decoding, generic: reading into the generated class would need its
     * package trusted by a system property, which KClient's reader does not.
     */
    private static GenericRecord decodedByAvro(byte[] bytes, Schema schema) throws IOException {
        return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
