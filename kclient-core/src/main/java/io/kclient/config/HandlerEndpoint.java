package io.kclient.config;

import io.kclient.KClientConfigurationException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One handler: which bean method it is, where its return values go, and its own
 * {@link HandlerSettings} (what its annotation says). Read from annotations by
 * {@link AnnotatedHandlerReader} or built by hand with {@link #builder}; the engine resolves its
 * settings over {@code kclient.handlers.<id>} and the defaults.
 */
public final class HandlerEndpoint {

    private final String id;
    private final Object bean;
    private final String beanName;
    private final Method method;
    private final HandlerSettings settings;
    private final String outputTopic;
    private final boolean repliesOnly;
    private final List<ErrorHandlerMethod> errorHandlers;

    private HandlerEndpoint(Builder b) {
        this.bean = Objects.requireNonNull(b.bean, "bean");
        this.method = Objects.requireNonNull(b.method, "method");
        this.beanName = b.beanName != null ? b.beanName : defaultBeanName(b.bean);
        this.id = b.id != null ? b.id : this.beanName + "." + b.method.getName();
        this.settings = b.settings.validate(describe(), id);
        this.outputTopic = b.outputTopic;
        this.repliesOnly = b.repliesOnly;
        this.errorHandlers = List.copyOf(b.errorHandlers);
        if (repliesOnly && outputTopic != null) {
            throw new KClientConfigurationException(describe() + " has both @Replies and @OutputProducer: a handler with "
                    + "@OutputProducer answers requests too, so keep @OutputProducer, or keep @Replies to publish only replies");
        }
    }

    private static String defaultBeanName(Object bean) {
        String simple = bean.getClass().getSimpleName();
        return simple.isEmpty() ? bean.getClass().getName() : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** A new endpoint for this bean method. */
    public static Builder builder(Object bean, Method method) {
        return new Builder(bean, method);
    }

    /** A builder holding this endpoint's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(bean, method).id(id).beanName(beanName).settings(settings).outputTopic(outputTopic)
                .repliesOnly(repliesOnly);
        b.errorHandlers.addAll(errorHandlers);
        return b;
    }

    /** How start-up errors and logs name this handler: {@code bean 'animalsHandler' method onDog(Dog)}. */
    public String describe() {
        return describe(beanName, method);
    }

    /** How start-up errors name any method of a bean, in the form of {@link #describe()}. */
    public static String describe(String beanName, Method method) {
        StringBuilder sb = new StringBuilder("bean '").append(beanName).append("' method ").append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    public String id() { return id; }
    public Object bean() { return bean; }
    public String beanName() { return beanName; }
    public Method method() { return method; }
    /** What the handler itself sets (its annotation and property files); unset values come from other layers. */
    public HandlerSettings settings() { return settings; }
    /** Where return values go, or {@code null} when the handler publishes nothing. */
    public String outputTopic() { return outputTopic; }
    /** Whether return values only answer requests (and are dropped for other records), having no output topic. */
    public boolean repliesOnly() { return repliesOnly; }
    public List<ErrorHandlerMethod> errorHandlers() { return errorHandlers; }

    /** Whether the handler consumes {@code topic} by its own settings: named, or matched by its pattern. */
    public boolean consumes(String topic) {
        if (settings.topicPattern() == null) {
            return settings.topics() != null && settings.topics().contains(topic);
        }
        return topic.matches(settings.topicPattern());
    }

    @Override
    public String toString() {
        return "HandlerEndpoint[" + id + " " + (settings.topicPattern() != null ? "pattern " + settings.topicPattern()
                : settings.topics()) + (outputTopic != null ? " -> " + outputTopic : "") + "]";
    }

    /** Builds a {@link HandlerEndpoint}. */
    public static final class Builder {

        private final Object bean;
        private final Method method;
        private String id;
        private String beanName;
        private HandlerSettings settings = HandlerSettings.NONE;
        private String outputTopic;
        private boolean repliesOnly;
        private final List<ErrorHandlerMethod> errorHandlers = new ArrayList<>();

        private Builder(Object bean, Method method) {
            this.bean = bean;
            this.method = method;
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder beanName(String beanName) { this.beanName = beanName; return this; }
        /** The handler's own settings, replacing any given before. */
        public Builder settings(HandlerSettings settings) { this.settings = Objects.requireNonNull(settings, "settings"); return this; }
        /** One of the handler's own settings. */
        public <T> Builder with(HandlerSettings.Setting<T> setting, T value) { settings = settings.with(setting, value); return this; }
        /** The topics to consume, instead of a pattern. */
        public Builder topics(String... topics) { return with(HandlerSettings.TOPICS, List.of(topics)).with(HandlerSettings.TOPIC_PATTERN, null); }
        /** A regular expression of topics to consume, instead of named topics. */
        public Builder topicPattern(String pattern) { return with(HandlerSettings.TOPIC_PATTERN, pattern).with(HandlerSettings.TOPICS, null); }
        public Builder outputTopic(String outputTopic) { this.outputTopic = outputTopic; return this; }
        public Builder repliesOnly(boolean repliesOnly) { this.repliesOnly = repliesOnly; return this; }
        public Builder errorHandler(ErrorHandlerMethod errorHandler) { this.errorHandlers.add(errorHandler); return this; }

        /** Fails, naming the bean and method, on a setting the handler may not have. */
        public HandlerEndpoint build() {
            return new HandlerEndpoint(this);
        }
    }
}
