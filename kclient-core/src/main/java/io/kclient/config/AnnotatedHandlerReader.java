package io.kclient.config;

import io.kclient.KClientConfigurationException;
import io.kclient.annotation.ErrorHandler;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.OutputProducer;
import io.kclient.annotation.Replies;
import io.kclient.annotation.RetryTopics;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a bean's {@code @InputConsumer}, {@code @OutputProducer} and {@code @ErrorHandler}
 * methods into {@link HandlerEndpoint}s, resolving placeholders and KClient 1's aliases, and
 * failing on every mistake it can see with a message that names the bean, the method and the fix.
 */
public final class AnnotatedHandlerReader {

    private final UnaryOperator<String> placeholders;

    /** @param placeholders resolves {@code ${...}} in every string attribute */
    public AnnotatedHandlerReader(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * The handlers of {@code bean}, whose class as written (not a proxy's) is {@code userClass};
     * empty when it has none. {@code beanName} may be {@code null} for the class's simple name.
     */
    public List<HandlerEndpoint> read(Object bean, String beanName, Class<?> userClass) {
        List<Method> handlers = annotated(userClass, InputConsumer.class);
        List<Method> errorHandlers = annotated(userClass, ErrorHandler.class);
        if (handlers.isEmpty()) {
            if (!errorHandlers.isEmpty()) {
                throw new KClientConfigurationException(HandlerEndpoint.describe(name(beanName, userClass), errorHandlers.get(0))
                        + " is an @ErrorHandler, but the class has no @InputConsumer method whose failures it could handle");
            }
            return List.of();
        }
        String name = name(beanName, userClass);
        List<HandlerEndpoint> endpoints = new ArrayList<>();
        for (Method method : handlers) {
            endpoints.add(readHandler(bean, name, method));
        }
        List<ErrorHandlerMethod> errorMethods = new ArrayList<>();
        for (Method method : errorHandlers) {
            errorMethods.add(readErrorHandler(name, method, endpoints));
        }
        return endpoints.stream().map(endpoint -> withErrorHandlers(endpoint, errorMethods)).toList();
    }

    private HandlerEndpoint readHandler(Object bean, String beanName, Method method) {
        String describe = HandlerEndpoint.describe(beanName, method);
        if (method.isAnnotationPresent(ErrorHandler.class)) {
            throw new KClientConfigurationException(describe + " is both @InputConsumer and @ErrorHandler: split it in two methods");
        }
        InputConsumer input = method.getAnnotation(InputConsumer.class);
        HandlerEndpoint.Builder builder = HandlerEndpoint.builder(bean, method).beanName(beanName)
                .id(blankToNull(resolve(input.id())))
                .with(HandlerSettings.GROUP_ID, blankToNull(resolve(input.groupId())))
                .with(HandlerSettings.CONCURRENCY, concurrency(input, describe))
                .with(HandlerSettings.ORDERING, atMostOne(input.ordering(), "orderings", describe))
                .with(HandlerSettings.DELIVERY, atMostOne(input.delivery(), "delivery promises", describe))
                .with(HandlerSettings.SHARE_GROUP, input.shareGroup() ? true : null)
                .with(HandlerSettings.RETRY_TOPICS, retryTopicDelays(method, describe))
                .with(HandlerSettings.TOPICS, topics(input, describe))
                .with(HandlerSettings.TOPIC_PATTERN, blankToNull(resolve(input.topicPattern())));
        String consumerFile = resolve(input.propertiesFile());
        if (!consumerFile.isBlank()) {
            builder.with(HandlerSettings.CONSUMER_PROPERTIES, propertiesFile(HandlerSettings.CONSUMER_PROPERTIES, consumerFile, bean, describe));
        }
        builder.repliesOnly(method.isAnnotationPresent(Replies.class));
        OutputProducer output = method.getAnnotation(OutputProducer.class);
        if (output != null) {
            builder.outputTopic(outputTopic(output, describe));
            String producerFile = resolve(output.propertiesFile());
            if (!producerFile.isBlank()) {
                builder.with(HandlerSettings.PRODUCER_PROPERTIES, propertiesFile(HandlerSettings.PRODUCER_PROPERTIES, producerFile, bean,
                        describe));
            }
        }
        return builder.build();
    }

    /** A property file's Kafka properties, checked naming the file. */
    private static Map<String, Object> propertiesFile(HandlerSettings.Setting<Map<String, Object>> setting, String file, Object bean,
            String describe) {
        Map<String, Object> properties = PropertiesFiles.load(file, classLoader(bean), describe);
        HandlerSettings.NONE.with(setting, properties).validate("propertiesFile '" + file + "' of " + describe);
        return properties;
    }

    private List<Duration> retryTopicDelays(Method method, String describe) {
        RetryTopics retryTopics = method.getAnnotation(RetryTopics.class);
        if (retryTopics == null) {
            return null;
        }
        if (retryTopics.delays().length == 0) {
            throw new KClientConfigurationException(describe + " has @RetryTopics without delays: set @RetryTopics(delays = {\"1s\", \"10s\"})");
        }
        return Arrays.stream(retryTopics.delays()).map(delay -> DurationText.parse(resolve(delay), "@RetryTopics of " + describe)).toList();
    }

    private List<String> topics(InputConsumer input, String describe) {
        List<String> topics = new ArrayList<>();
        for (String topic : input.topics()) {
            String resolved = resolve(topic).trim();
            if (resolved.isEmpty()) {
                throw new KClientConfigurationException(describe + " names an empty topic in @InputConsumer(topics = ...)");
            }
            topics.add(resolved);
        }
        String single = resolve(input.topic()).trim();
        if (!single.isEmpty()) {
            if (!topics.isEmpty() && !topics.equals(List.of(single))) {
                throw new KClientConfigurationException(describe + " sets both topic and topics: topic is KClient 1's alias of topics, keep one");
            }
            topics = List.of(single);
        }
        return topics.isEmpty() ? null : topics;
    }

    private static Integer concurrency(InputConsumer input, String describe) {
        if (input.minThreadNum() != 0 || input.maxThreadNum() != 0) {
            throw new KClientConfigurationException(describe + ": minThreadNum/maxThreadNum of KClient 1 are not supported "
                    + "(workers are a fixed pool): use @InputConsumer(concurrency = N)");
        }
        Integer chosen = null;
        String chosenName = null;
        for (Object[] alias : new Object[][] {{"concurrency", input.concurrency()}, {"streamNum", input.streamNum()},
                {"fixedThreadNum", input.fixedThreadNum()}}) {
            int value = (Integer) alias[1];
            if (value < 0) {
                throw new KClientConfigurationException(describe + ": " + alias[0] + " must be positive, was " + value);
            }
            if (value == 0) {
                continue;
            }
            if (chosen != null && chosen != value) {
                throw new KClientConfigurationException(describe + " sets " + chosenName + " = " + chosen + " and " + alias[0]
                        + " = " + value + ": they are aliases of concurrency, keep one");
            }
            chosen = value;
            chosenName = (String) alias[0];
        }
        return chosen;
    }

    /** An enum attribute written as an array so that leaving it out can mean "the default". */
    private static <E extends Enum<E>> E atMostOne(E[] values, String what, String describe) {
        if (values.length > 1) {
            throw new KClientConfigurationException(describe + " sets " + values.length + " " + what + ": choose one of "
                    + Arrays.toString(values[0].getDeclaringClass().getEnumConstants()));
        }
        return values.length == 0 ? null : values[0];
    }

    private String outputTopic(OutputProducer output, String describe) {
        String topic = resolve(output.topic()).trim();
        String alias = resolve(output.defaultTopic()).trim();
        if (!topic.isEmpty() && !alias.isEmpty() && !topic.equals(alias)) {
            throw new KClientConfigurationException(describe + " sets both topic and defaultTopic on @OutputProducer: "
                    + "defaultTopic is KClient 1's alias of topic, keep one");
        }
        String chosen = topic.isEmpty() ? alias : topic;
        if (chosen.isEmpty()) {
            throw new KClientConfigurationException(describe + " has @OutputProducer without a topic: set @OutputProducer(topic = \"...\")");
        }
        return chosen;
    }

    private ErrorHandlerMethod readErrorHandler(String beanName, Method method, List<HandlerEndpoint> handlers) {
        String describe = HandlerEndpoint.describe(beanName, method);
        ErrorHandler annotation = method.getAnnotation(ErrorHandler.class);
        String topic = blankToNull(resolve(annotation.topic()));
        if (topic != null && handlers.stream().noneMatch(handler -> handler.consumes(topic))) {
            throw new KClientConfigurationException(describe + " handles failures of topic '" + topic
                    + "', which no @InputConsumer of the class consumes: fix the topic, or leave it empty for all");
        }
        Class<? extends Throwable> exception = annotation.exception();
        if (!canOccur(exception, handlers, topic)) {
            throw new KClientConfigurationException(describe + " handles " + exception.getName()
                    + ", a checked exception that no handler of its topic declares (throws): it can never occur; "
                    + "declare it on the handler or handle another exception");
        }
        return new ErrorHandlerMethod(method, exception, topic);
    }

    /** Unchecked exceptions can always occur; a checked one only where a handler declares it. */
    private static boolean canOccur(Class<? extends Throwable> exception, List<HandlerEndpoint> handlers, String topic) {
        if (exception.isAssignableFrom(RuntimeException.class) || RuntimeException.class.isAssignableFrom(exception)
                || Error.class.isAssignableFrom(exception) || exception.isAssignableFrom(Error.class)) {
            return true;
        }
        return handlers.stream().filter(handler -> topic == null || handler.consumes(topic))
                .flatMap(handler -> Arrays.stream(handler.method().getExceptionTypes()))
                .anyMatch(declared -> declared.isAssignableFrom(exception) || exception.isAssignableFrom(declared));
    }

    private static HandlerEndpoint withErrorHandlers(HandlerEndpoint endpoint, List<ErrorHandlerMethod> errorHandlers) {
        HandlerEndpoint.Builder builder = endpoint.toBuilder();
        errorHandlers.stream()
                .filter(errorHandler -> errorHandler.topic() == null || endpoint.consumes(errorHandler.topic()))
                .forEach(builder::errorHandler);
        return builder.build();
    }

    private static List<Method> annotated(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(annotation) && !method.isBridge() && !overridden(method, methods)) {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::getName)); // a stable order for ids, logs and tests
        return methods;
    }

    private static boolean overridden(Method method, List<Method> seen) {
        return !Modifier.isPrivate(method.getModifiers()) && seen.stream().anyMatch(m -> m.getName().equals(method.getName())
                && Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
    }

    private static String name(String beanName, Class<?> userClass) {
        if (beanName != null) {
            return beanName;
        }
        String simple = userClass.getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static ClassLoader classLoader(Object bean) {
        ClassLoader loader = bean.getClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    private String resolve(String value) {
        return value.isEmpty() ? value : placeholders.apply(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
