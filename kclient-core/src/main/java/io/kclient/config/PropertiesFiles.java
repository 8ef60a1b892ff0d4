package io.kclient.config;

import io.kclient.KClientConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Loads KClient 1's {@code propertiesFile}: a class path resource, or a {@code file:} path. */
final class PropertiesFiles {

    private PropertiesFiles() {
    }

    static Map<String, Object> load(String location, ClassLoader classLoader, String describe) {
        Properties properties = new Properties();
        try (InputStream in = open(location, classLoader)) {
            if (in == null) {
                throw new KClientConfigurationException("propertiesFile '" + location + "' of " + describe
                        + " was not found on the class path: put it under src/main/resources, or use file:/path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new KClientConfigurationException("propertiesFile '" + location + "' of " + describe + " cannot be read: "
                    + e.getMessage(), e);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private static InputStream open(String location, ClassLoader classLoader) throws IOException {
        if (location.startsWith("file:")) {
            Path path = Path.of(location.substring("file:".length()));
            return Files.exists(path) ? Files.newInputStream(path) : null;
        }
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        return classLoader.getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource);
    }
}
