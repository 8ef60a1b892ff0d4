/**
 * Avro payloads for KClient handlers: {@code SpecificRecord} classes (their schema generated into
 * them) and {@code GenericRecord} (the schema a handler setting names), read and written in Avro's
 * single-object encoding (the default) or bare Avro binary. On the class path, this module's
 * {@link io.kclient.avro.AvroFormat} is found by the engine; nothing needs registering.
 */
package io.kclient.avro;
