package io.kclient.convert;

import io.kclient.KClientConfigurationException;
import java.io.Closeable;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * The mapper KClient reads untrusted payloads with: a copy of the application's {@link JsonMapper}
 * (its modules, naming and features still apply) that the application's own mapper is never
 * changed by, with three differences.
 * <ul>
 * <li>Default typing is off. An application may enable it for its own reasons (a cache, say);
 * reading a Kafka payload with it would let the message name the class to instantiate, the
 * remote-code-execution hole of KClient 1's fastjson. KClient uses a copy without it rather than
 * refusing to start, so such an application still works; it logs a warning saying so.</li>
 * <li>Polymorphic types whose base is as general as {@code Object} or {@code Serializable}
 * (an {@code @JsonTypeInfo(use = CLASS)} on such a field) are refused: any class on the class path
 * would do there. Polymorphism over the application's own base types still works.</li>
 * <li>Stream read constraints are capped ({@link #MAX_NESTING_DEPTH}, {@link #MAX_NUMBER_LENGTH},
 * {@link #MAX_STRING_LENGTH}, {@link #MAX_NAME_LENGTH}): deeply nested or huge JSON fails fast
 * instead of costing stack and CPU. An application's stricter values are kept.</li>
 * </ul>
 * One difference is for speed, not safety: where the application kept Jackson's default kind of
 * buffer recycler pool (one deque every thread takes its buffers from), the copy recycles per
 * thread. KClient converts on its own platform worker threads, several records at once, each a
 * few hundred bytes, and the shared deque was a point all of them met at for every record. An
 * application that chose another pool keeps it.
 *
 * <p>The copy is made once per application mapper and shared by whatever converts with it (a
 * KClient, its publisher and RPC client, every KClient a test suite starts), with the serializers
 * and deserializers it caches: a Jackson 3 mapper cannot change once built, so a second copy would
 * only build them again, and code the JIT compiled around the first copy's would be thrown away.
 */
final class HardenedJsonMapper {

    private static final Logger log = LoggerFactory.getLogger(HardenedJsonMapper.class);

    /** Deeper JSON is refused; real messages nest a few levels, an attack tens of thousands. */
    static final int MAX_NESTING_DEPTH = 500;
    /** Digits of one number: parsing a huge number into a BigInteger or BigDecimal costs quadratic time. */
    static final int MAX_NUMBER_LENGTH = 1000;
    /** Characters of one string value (the payload size limit usually binds first). */
    static final int MAX_STRING_LENGTH = 20_000_000;
    /** Characters of one property name. */
    static final int MAX_NAME_LENGTH = 50_000;

    /** Copies by application mapper; weak keys, since nothing here should keep an application's mapper alive. */
    private static final Map<ObjectMapper, JsonMapper> COPIES = Collections.synchronizedMap(new WeakHashMap<>());

    private HardenedJsonMapper() {
    }

    /** The hardened copy of {@code mapper}, the same for the same mapper; {@code mapper} itself is left as it is. */
    static JsonMapper of(ObjectMapper mapper) {
        return COPIES.computeIfAbsent(mapper, HardenedJsonMapper::copy);
    }

    private static JsonMapper copy(ObjectMapper mapper) {
        if (!(mapper instanceof JsonMapper json)) {
            throw new KClientConfigurationException("KClient reads JSON payloads with a tools.jackson.databind.json.JsonMapper, "
                    + "but was given a " + mapper.getClass().getName() + ": pass a JsonMapper (JsonMapper.builder()...build())");
        }
        if (json.deserializationConfig().getDefaultTyper(json.constructType(Object.class)) != null) {
            log.warn("The application's JsonMapper has default typing activated; KClient reads payloads with a copy "
                    + "without it, so that no message can name a class to instantiate");
        }
        JsonFactory own = json.tokenStreamFactory();
        JsonFactory constrained = own.rebuild()
                .streamReadConstraints(capped(own.streamReadConstraints()))
                .recyclerPool(perThreadUnlessChosen(own._getRecyclerPool()))
                .build();
        return new Rebuilt(json, constrained)
                .deactivateDefaultTyping()
                .polymorphicTypeValidator(new NoGeneralBaseTypes())
                .build();
    }

    private static RecyclerPool<BufferRecycler> perThreadUnlessChosen(RecyclerPool<BufferRecycler> own) {
        return own instanceof JsonRecyclerPools.ConcurrentDequePool ? JsonRecyclerPools.threadLocalPool() : own;
    }

    private static StreamReadConstraints capped(StreamReadConstraints own) {
        return own.rebuild()
                .maxNestingDepth(Math.min(own.getMaxNestingDepth(), MAX_NESTING_DEPTH))
                .maxNumberLength(Math.min(own.getMaxNumberLength(), MAX_NUMBER_LENGTH))
                .maxStringLength(Math.min(own.getMaxStringLength(), MAX_STRING_LENGTH))
                .maxNameLength(Math.min(own.getMaxNameLength(), MAX_NAME_LENGTH))
                .build();
    }

    /**
     * The application mapper's builder state over another token stream factory: Jackson's builder
     * can rebuild a mapper, but only a subclass can give the copy a differently constrained factory.
     */
    private static final class Rebuilt extends JsonMapper.Builder {

        Rebuilt(JsonMapper source, JsonFactory factory) {
            super(new JsonMapper.Builder.StateImpl(source.rebuild()));
            _streamFactory = factory;
        }
    }

    /**
     * Refuses class names in a payload where the declared base type would admit almost any class;
     * Jackson itself checks that a named class is a subtype of the declared base.
     */
    private static final class NoGeneralBaseTypes extends PolymorphicTypeValidator.Base {

        private static final long serialVersionUID = 1L;

        private static final Set<Class<?>> GENERAL = Set.of(Object.class, Serializable.class, Comparable.class,
                Cloneable.class, Closeable.class, AutoCloseable.class, Runnable.class, Iterable.class);

        @Override
        public Validity validateBaseType(DatabindContext context, JavaType baseType) {
            return GENERAL.contains(baseType.getRawClass()) ? Validity.DENIED : Validity.INDETERMINATE;
        }

        @Override
        public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
            return Validity.ALLOWED;
        }
    }
}
