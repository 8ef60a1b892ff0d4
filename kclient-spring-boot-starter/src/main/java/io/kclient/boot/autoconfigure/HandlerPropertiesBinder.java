package io.kclient.boot.autoconfigure;

import io.kclient.KClientConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyNameException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Binds {@code kclient.handlers.<id>.*} for each handler id, matching ids as Spring Boot matches
 * names from the environment: {@code KCLIENT_HANDLERS_ORDEREVENTS_CONCURRENCY} and
 * {@code kclient.handlers.orderEvents.concurrency} set handler {@code orderEvents}, and
 * {@code KCLIENT_HANDLERS_ANIMALSHANDLER_ONDOG_CONCURRENCY} and
 * {@code kclient.handlers.animalsHandler.onDog.concurrency} the default id
 * {@code animalsHandler.onDog}, as does {@code kclient.handlers[animalsHandler.onDog].concurrency},
 * the exact form. A map of {@code @ConfigurationProperties} cannot: it takes the first element
 * after {@code kclient.handlers} as the key, and lower-cases it when it comes from the environment.
 *
 * <p>Each handler is bound one property source at a time, lowest first, so that whatever form a
 * setting is written in, the source that wins is Spring Boot's (an environment variable over
 * {@code application.properties}). A property under {@code kclient.handlers} that names no
 * handler, names two, or sets nothing fails the start naming it and where it comes from.
 */
final class HandlerPropertiesBinder {

    private static final ConfigurationPropertyName HANDLERS = ConfigurationPropertyName.of("kclient.handlers");

    private final Environment environment;
    /** Highest precedence first, as the environment orders them. */
    private final List<ConfigurationPropertySource> sources = new ArrayList<>();

    HandlerPropertiesBinder(Environment environment) {
        this.environment = environment;
        ConfigurationPropertySources.get(environment).forEach(sources::add);
    }

    /** The settings of each handler that has any, by id. */
    Map<String, KClientProperties.Handler> bind(Collection<String> ids) {
        Map<String, Set<ConfigurationPropertyName>> names = new LinkedHashMap<>();
        ids.forEach(id -> names.put(id, namesOf(id)));
        requireEachPropertyNamesOneHandler(names);
        Map<String, KClientProperties.Handler> bound = new LinkedHashMap<>();
        names.forEach((id, forms) -> {
            KClientProperties.Handler handler = new KClientProperties.Handler();
            boolean any = false;
            for (int i = sources.size() - 1; i >= 0; i--) { // lowest first: a higher source overwrites
                Binder binder = new Binder(List.of(sources.get(i)), new PropertySourcesPlaceholdersResolver(environment));
                for (ConfigurationPropertyName name : forms) {
                    any |= bind(binder, name, handler);
                }
            }
            if (any) {
                bound.put(id, handler);
            }
        });
        return bound;
    }

    private static boolean bind(Binder binder, ConfigurationPropertyName name, KClientProperties.Handler handler) {
        try {
            return binder.bind(name, Bindable.ofInstance(handler), new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).isBound();
        } catch (BindException e) {
            throw new KClientConfigurationException(e.getCause().getMessage() + " Check their spelling against the settings "
                    + "of kclient.handlers.<id>: concurrency, ordering, max-in-flight, group-id, topics, retry.*, ...", e);
        }
    }

    /**
     * The names a handler's settings go under: {@code kclient.handlers[<id>]}, exactly, and the
     * id as the environment writes it, in lower case, its dots and underscores separating elements.
     */
    private static Set<ConfigurationPropertyName> namesOf(String id) {
        Set<ConfigurationPropertyName> names = new LinkedHashSet<>();
        String relaxed = "kclient.handlers." + id.toLowerCase(Locale.ROOT).replace('_', '.');
        if (ConfigurationPropertyName.isValid(relaxed)) {
            names.add(ConfigurationPropertyName.of(relaxed));
        }
        try {
            names.add(ConfigurationPropertyName.of("kclient.handlers[" + id + "]"));
        } catch (InvalidConfigurationPropertyNameException e) {
            // an id no bracket can hold: the relaxed name alone
        }
        return names;
    }

    /** A misspelt id would otherwise leave its handler alone in silence; one that fits two ids, set both. */
    private void requireEachPropertyNamesOneHandler(Map<String, Set<ConfigurationPropertyName>> names) {
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(HANDLERS::isAncestorOf).forEach(property -> {
                Set<String> ids = new TreeSet<>();
                names.forEach((id, forms) -> forms.stream().filter(form -> form.isAncestorOf(property)).findAny()
                        .ifPresent(form -> ids.add(id)));
                if (ids.size() != 1) {
                    throw new KClientConfigurationException(describe(iterable.getConfigurationProperty(property), property)
                            + (ids.isEmpty() ? " names no handler; the handler ids are " + new TreeSet<>(names.keySet())
                                    + ". Use one of them (kclient.handlers.<id>.concurrency, KCLIENT_HANDLERS_<ID>_CONCURRENCY "
                                    + "in the environment, or kclient.handlers[<id>].concurrency to write the id exactly), "
                                    + "or set the id with @InputConsumer(id = \"...\")"
                                    : " names handlers " + ids + " alike: give one of them another @InputConsumer(id = ...)"));
                }
            });
        }
    }

    private static String describe(ConfigurationProperty property, ConfigurationPropertyName name) {
        return property != null && property.getOrigin() != null ? name + " (" + property.getOrigin() + ")" : name.toString();
    }
}
