package io.kclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import tools.jackson.databind.JsonNode;

/**
 * The configuration reference, {@code docs/configuration.md}, against what the starter really has:
 * every property of the generated configuration metadata is on the page with the metadata's
 * default, the page lists no property that does not exist, and its per-handler table lists every
 * property of {@code kclient.handlers.<id>} (a map's values, which the metadata does not describe).
 */
class ConfigurationReferenceTests {

    /** Tests run in the module's directory. */
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");
    private static final String HANDLER_PREFIX = "kclient.handlers.<id>.";
    /** A table row whose first cell is a property name in backticks. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`((?:kclient|management)\\.[^`]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern FIRST_CODE = Pattern.compile("`([^`]*)`");

    /**
     * Page rows by the name the metadata gives them: {@code kclient.properties.*} is the map
     * {@code kclient.properties}, {@code kclient.handlers.<id>.*} the map {@code kclient.handlers};
     * the per-handler rows keep their own names.
     */
    private final Map<String, List<String>> rows = pageRows();

    @Test
    void everyPropertyOfTheStarterIsOnThePage() {
        assertThat(rows.keySet()).as("properties documented in %s", PAGE).containsAll(metadataNames());
    }

    @Test
    void everyPropertyOnThePageExists() {
        TreeSet<String> unknown = new TreeSet<>(rows.keySet());
        unknown.removeIf(name -> name.startsWith(HANDLER_PREFIX));
        unknown.removeAll(metadataNames());
        assertThat(unknown).as("properties in %s that the starter does not have", PAGE).isEmpty();
    }

    @Test
    void everyDefaultOnThePageIsTheStartersDefault() {
        List<String> wrong = new ArrayList<>();
        for (JsonNode property : ConfigurationMetadata.properties()) {
            String name = ConfigurationMetadata.name(property);
            if (!property.has("defaultValue") || !rows.containsKey(name)) {
                continue;
            }
            String expected = property.get("defaultValue").asString();
            Matcher documented = FIRST_CODE.matcher(rows.get(name).get(0));
            if (!documented.find() || !sameValue(documented.group(1), expected)) {
                wrong.add(name + ": the page says " + rows.get(name).get(0).strip() + ", the starter " + expected);
            }
        }
        assertThat(wrong).as("defaults in %s", PAGE).isEmpty();
    }

    @Test
    void thePerHandlerTableListsEveryHandlerProperty() {
        TreeSet<String> documented = new TreeSet<>(rows.keySet());
        documented.removeIf(name -> !name.startsWith(HANDLER_PREFIX));
        assertThat(documented).as("kclient.handlers.<id>.* properties in %s", PAGE)
                .containsExactlyElementsOf(new TreeSet<>(bindable(KClientProperties.Handler.class, HANDLER_PREFIX)));
    }

    private static TreeSet<String> metadataNames() {
        TreeSet<String> names = new TreeSet<>();
        ConfigurationMetadata.properties().forEach(property -> names.add(ConfigurationMetadata.name(property)));
        return names;
    }

    /** The properties Spring Boot binds on a type: its JavaBean properties, nested types of the starter expanded, maps as {@code name.*}. */
    private static List<String> bindable(Class<?> type, String prefix) {
        List<String> names = new ArrayList<>();
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            Class<?> propertyType = descriptor.getPropertyType();
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            String name = prefix + kebab(descriptor.getName());
            if (Map.class.isAssignableFrom(propertyType)) {
                names.add(name + ".*");
            } else if (propertyType.getPackageName().startsWith(KClientProperties.class.getPackageName()) && !propertyType.isEnum()) {
                names.addAll(bindable(propertyType, name + "."));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static boolean sameValue(String documented, String expected) {
        try {
            return new BigDecimal(documented).compareTo(new BigDecimal(expected)) == 0;
        } catch (NumberFormatException notNumbers) {
            return documented.equals(expected);
        }
    }

    /** Each table row of the page that names a property, by that name, with its other cells. */
    private static Map<String, List<String>> pageRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(PAGE)) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    String name = row.group(1);
                    String key = name.equals(HANDLER_PREFIX + "*") ? "kclient.handlers"
                            : name.startsWith(HANDLER_PREFIX) ? name : name.replaceFirst("\\.\\*$", "");
                    assertThat(rows.put(key, List.of(row.group(2).split("\\|", -1)))).as("%s listed twice", name).isNull();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PAGE.toAbsolutePath(), e);
        }
        return rows;
    }
}
