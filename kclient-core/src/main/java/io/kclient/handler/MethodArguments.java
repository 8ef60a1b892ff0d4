package io.kclient.handler;

import io.kclient.KClientConfigurationException;
import io.kclient.RecordCoordinates;
import io.kclient.annotation.KafkaHeader;
import io.kclient.annotation.KafkaKey;
import io.kclient.annotation.KafkaMetadata;
import io.kclient.convert.PayloadConverters;
import io.kclient.convert.PayloadReader;
import io.kclient.convert.TombstoneException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The arguments of a handler or error-handler method: which resolver fills each parameter,
 * decided and validated once, at start-up, from the signature alone.
 */
final class MethodArguments {

    private final ArgumentResolver[] resolvers;
    /** The payload (or {@code ConsumerRecord}) parameter; {@code null} for an error handler without one. */
    private final Parameter payload;
    /** The {@code @KafkaKey} parameter, or {@code null}. */
    private final Parameter key;
    private final boolean acceptsTombstones;

    private MethodArguments(ArgumentResolver[] resolvers, Parameter payload, Parameter key) {
        this.resolvers = resolvers;
        this.payload = payload;
        this.key = key;
        this.acceptsTombstones = payload == null || payload.getType() == ConsumerRecord.class || payload.getType() == Optional.class
                || isNullable(payload);
    }

    /**
     * Whether a record without a value may be handed to the method: its payload parameter is
     * {@code Optional}, a {@code ConsumerRecord}, or annotated {@code @Nullable} of any package
     * kept at run time (on the parameter, or on its type as JSpecify's is).
     */
    boolean acceptsTombstones() {
        return acceptsTombstones;
    }

    /**
     * The type payloads are read into: the payload parameter's, an {@code Optional}'s element, a
     * {@code ConsumerRecord}'s value type; {@code null} for a raw {@code ConsumerRecord} or none.
     */
    Type payloadType() {
        return payload == null ? null : typeArgument(payload, 1);
    }

    /** The type keys are read into: the {@code @KafkaKey} parameter's or a {@code ConsumerRecord}'s; {@code null} for none. */
    Type keyType() {
        if (key != null) {
            return key.getParameterizedType();
        }
        return payload != null && payload.getType() == ConsumerRecord.class ? typeArgument(payload, 0) : null;
    }

    /** A {@code ConsumerRecord}'s key (0) or value (1) type, an {@code Optional}'s element, or the parameter's own type. */
    private static Type typeArgument(Parameter parameter, int ofRecord) {
        Type type = parameter.getParameterizedType();
        if (parameter.getType() == ConsumerRecord.class) {
            return type instanceof ParameterizedType record ? record.getActualTypeArguments()[ofRecord] : null;
        }
        return parameter.getType() == Optional.class && type instanceof ParameterizedType optional
                ? optional.getActualTypeArguments()[0] : type;
    }

    /** Why a tombstone is refused, naming the parameter that does not take it. */
    TombstoneException tombstoneRefused() {
        return new TombstoneException(payload.getName(), payload.getType().getSimpleName());
    }

    private static boolean isNullable(Parameter parameter) {
        return Stream.concat(Arrays.stream(parameter.getAnnotations()), Arrays.stream(parameter.getAnnotatedType().getAnnotations()))
                .anyMatch(annotation -> annotation.annotationType().getSimpleName().equals("Nullable"));
    }

    /**
     * A handler's: exactly one payload (or {@code ConsumerRecord}) parameter, plus key, headers and
     * metadata. A payload annotated {@code @Valid} is checked by {@code validator}.
     *
     * @param validator the application's payload validator, or {@code null} when it has none
     */
    static MethodArguments forHandler(Method method, PayloadConverters converters, PayloadValidator validator, String describe) {
        return new Builder(method, converters, describe, null).validator(validator).build();
    }

    /** An error handler's: the failure, at most one payload (converted leniently), key, headers, metadata. */
    static MethodArguments forErrorHandler(Method method, PayloadConverters converters, String describe,
            Class<? extends Throwable> handled) {
        return new Builder(method, converters, describe, handled).build();
    }

    Object[] resolve(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        Object[] arguments = new Object[resolvers.length];
        for (int i = 0; i < resolvers.length; i++) {
            arguments[i] = resolvers[i].resolve(record, failure);
        }
        return arguments;
    }

    /** Decides each parameter's resolver; one instance per method. */
    private static final class Builder {

        private final Method method;
        private final PayloadConverters converters;
        private final String describe;
        private final Class<? extends Throwable> handledFailure;
        private PayloadValidator validator;
        private Parameter payload;
        private Parameter key;

        Builder(Method method, PayloadConverters converters, String describe, Class<? extends Throwable> handledFailure) {
            this.method = method;
            this.converters = converters;
            this.describe = describe;
            this.handledFailure = handledFailure;
        }

        Builder validator(PayloadValidator validator) {
            this.validator = validator;
            return this;
        }

        MethodArguments build() {
            Parameter[] parameters = method.getParameters();
            if (parameters.length == 0 && handledFailure == null) {
                throw error("has no parameter: declare one for the payload, for example onDog(Dog dog)");
            }
            ArgumentResolver[] resolvers = new ArgumentResolver[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                resolvers[i] = resolverFor(parameters[i]);
            }
            if (payload == null && handledFailure == null) {
                throw error("has no payload parameter: add one (a class, record, String, byte[], JsonNode, "
                        + "List<T>, Document or ConsumerRecord<K, V>) besides the @KafkaKey/@KafkaHeader/@KafkaMetadata ones");
            }
            return new MethodArguments(resolvers, payload, key);
        }

        private ArgumentResolver resolverFor(Parameter parameter) {
            Type type = parameter.getParameterizedType();
            Class<?> raw = parameter.getType();
            if (parameter.isAnnotationPresent(KafkaKey.class)) {
                key = parameter;
                return Resolvers.key(reader(type, parameter, "@KafkaKey"));
            }
            KafkaHeader header = parameter.getAnnotation(KafkaHeader.class);
            if (header != null) {
                if (raw != String.class && raw != byte[].class) {
                    throw error("has @KafkaHeader(\"" + header.value() + "\") on a " + raw.getSimpleName()
                            + " parameter: declare it String or byte[]");
                }
                return Resolvers.header(header.value(), raw == String.class);
            }
            if (parameter.isAnnotationPresent(KafkaMetadata.class)) {
                if (raw != RecordCoordinates.class) {
                    throw error("has @KafkaMetadata on a " + raw.getSimpleName() + " parameter: declare it RecordCoordinates");
                }
                return Resolvers.coordinates();
            }
            if (handledFailure != null && Throwable.class.isAssignableFrom(raw)) {
                if (!raw.isAssignableFrom(handledFailure)) {
                    throw error("takes a " + raw.getSimpleName() + " but handles " + handledFailure.getSimpleName()
                            + ": declare the parameter as " + handledFailure.getSimpleName() + " or a supertype");
                }
                return Resolvers.failure();
            }
            if (raw == ConsumerRecord.class) {
                if (ValidAnnotation.isPresent(parameter)) {
                    throw error("has @Valid on the ConsumerRecord '" + parameter.getName() + "': take the payload as its own "
                            + "parameter, for example onDog(@Valid Dog dog), or remove @Valid");
                }
                if (handledFailure == null) {
                    claimPayload(parameter); // an error handler may take the record beside a typed payload
                }
                return consumerRecord(type, parameter);
            }
            claimPayload(parameter);
            PayloadReader reader = reader(type, parameter, "payload");
            if (handledFailure != null) {
                return Resolvers.lenientPayload(reader);
            }
            ArgumentResolver payload = Resolvers.payload(reader);
            return ValidAnnotation.isPresent(parameter) ? validated(payload, parameter) : payload;
        }

        private ArgumentResolver validated(ArgumentResolver payload, Parameter parameter) {
            if (validator == null) {
                throw error("has @Valid on '" + parameter.getName() + "' but no payload validator is available: add a Jakarta "
                        + "Bean Validation implementation (spring-boot-starter-validation, or hibernate-validator), "
                        + "or give one to KClient.builder().payloadValidator(...), or remove @Valid");
            }
            return Resolvers.validated(payload, validator, parameter.getParameterizedType().getTypeName());
        }

        private void claimPayload(Parameter parameter) {
            if (payload != null) {
                throw error("has two payload parameters, '" + payload.getName() + "' and '" + parameter.getName()
                        + "': keep one, and annotate the others @KafkaKey, @KafkaHeader or @KafkaMetadata");
            }
            payload = parameter;
        }

        private ArgumentResolver consumerRecord(Type type, Parameter parameter) {
            if (!(type instanceof ParameterizedType parameterized)) {
                return (record, failure) -> record; // raw ConsumerRecord: the bytes as they came
            }
            Type[] arguments = parameterized.getActualTypeArguments();
            PayloadReader keys = reader(arguments[0], parameter, "ConsumerRecord key");
            PayloadReader values = reader(arguments[1], parameter, "ConsumerRecord value");
            ArgumentResolver converted = Resolvers.consumerRecord(keys, values);
            if (handledFailure == null) {
                return converted;
            }
            return (record, failure) -> {
                try {
                    return converted.resolve(record, failure);
                } catch (RuntimeException unreadable) {
                    return record;
                }
            };
        }

        private PayloadReader reader(Type type, Parameter parameter, String role) {
            try {
                return converters.readerFor(type);
            } catch (IllegalArgumentException e) {
                throw error("cannot take " + type.getTypeName() + " as its " + role + " ('" + parameter.getName() + "'): "
                        + e.getMessage());
            }
        }

        private KClientConfigurationException error(String problem) {
            return new KClientConfigurationException(describe + " " + problem);
        }
    }
}
