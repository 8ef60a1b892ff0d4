package io.kclient.spring.aot;

import io.kclient.convert.PayloadFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The payload formats KClient finds with {@link java.util.ServiceLoader}: the service files, and
 * the format classes they name on the build's class path, made at run time by their constructors.
 */
public class PayloadFormatHints implements RuntimeHintsRegistrar {

    static final String SERVICES = "META-INF/services/" + PayloadFormat.class.getName();

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : PayloadFormatHints.class.getClassLoader();
        hints.resources().registerPattern(SERVICES);
        try {
            for (URL services : Collections.list(loader.getResources(SERVICES))) {
                try (InputStream in = services.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(line -> line.replaceFirst("#.*", "").trim())
                            .filter(line -> !line.isEmpty())
                            .forEach(format -> hints.reflection().registerTypeIfPresent(loader, format,
                                    MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SERVICES, e);
        }
    }
}
