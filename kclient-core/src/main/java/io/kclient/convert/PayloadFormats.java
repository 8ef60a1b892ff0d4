package io.kclient.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The payload formats of one set of converters, each configured with its settings: which format a
 * declared type is, and that format's codec. Immutable; each change is checked when made.
 */
final class PayloadFormats {

    private final List<PayloadFormat> formats;
    private final Map<String, String> settings;
    /** One per format, in the same order: each format under {@link #settings}. */
    private final List<PayloadFormat.Codec> codecs;

    private PayloadFormats(List<PayloadFormat> formats, Map<String, String> settings) {
        this.formats = List.copyOf(formats);
        this.settings = Map.copyOf(settings);
        this.codecs = configure(this.formats, this.settings);
    }

    /** The formats found on the class path ({@code META-INF/services/io.kclient.convert.PayloadFormat}), with no settings. */
    static PayloadFormats discovered() {
        List<PayloadFormat> found = new ArrayList<>();
        ServiceLoader.load(PayloadFormat.class, PayloadFormats.class.getClassLoader()).forEach(found::add);
        return new PayloadFormats(found, Map.of());
    }

    /** These formats after {@code added}, each of which replaces one of the same name. */
    PayloadFormats with(List<? extends PayloadFormat> added) {
        List<PayloadFormat> all = new ArrayList<>(added);
        formats.stream().filter(format -> added.stream().noneMatch(a -> a.name().equals(format.name()))).forEach(all::add);
        return new PayloadFormats(all, settings);
    }

    /** These formats with {@code more} settings over the current ones. */
    PayloadFormats withSettings(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(settings);
        merged.putAll(more);
        return new PayloadFormats(formats, merged);
    }

    /** The codec of the first format that supports {@code type}, or {@code null} for KClient's own conversions. */
    PayloadFormat.Codec codecFor(Class<?> type) {
        for (int i = 0; i < formats.size(); i++) {
            if (formats.get(i).supports(type)) {
                return codecs.get(i);
            }
        }
        return null;
    }

    /** The formats' names, for messages. */
    String names() {
        return formats.stream().map(PayloadFormat::name).toList().toString();
    }

    /** Each format's codec under its settings; a setting that names no format is refused. */
    private static List<PayloadFormat.Codec> configure(List<PayloadFormat> formats, Map<String, String> settings) {
        Map<String, Map<String, String>> byFormat = new LinkedHashMap<>();
        formats.forEach(format -> byFormat.putIfAbsent(format.name(), new LinkedHashMap<>()));
        settings.forEach((key, value) -> {
            int dot = key.indexOf('.');
            Map<String, String> own = dot > 0 ? byFormat.get(key.substring(0, dot)) : null;
            if (own == null) {
                String name = dot > 0 ? key.substring(0, dot) : key;
                throw new IllegalArgumentException("Payload format setting '" + key + "' names no payload format on the class "
                        + "path (there " + (byFormat.isEmpty() ? "is none" : "are " + byFormat.keySet()) + "): settings are "
                        + "named <format>.<setting>, as avro.encoding; for format '" + name + "' add io.kclient:kclient-" + name);
            }
            own.put(key.substring(dot + 1), value);
        });
        List<PayloadFormat.Codec> codecs = new ArrayList<>();
        for (PayloadFormat format : formats) {
            try {
                codecs.add(format.configure(Map.copyOf(byFormat.get(format.name()))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Payload format '" + format.name() + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(codecs);
    }
}
