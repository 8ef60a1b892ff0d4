package io.kclient.bench.contender;

import org.springframework.kafka.support.JacksonMapperUtils;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers of the applications the contenders stand for, built once per JVM. A service
 * builds its mapper once and keeps it; the benchmark starts each contender anew for its warm-up and
 * every round, and with a new mapper each time the JIT compiled Jackson's parser, generator and
 * bean (de)serializers again in the loop's second and third timed rounds, after a 1,000,000-record
 * warm-up (with one mapper it no longer did). KClient needs nothing here: it shares the hardened
 * copy of a mapper JVM-wide itself.
 */
final class ApplicationJson {

    /** Jackson's defaults with buffers recycled per thread, as KClient recycles them: the hand-written loop's. */
    static final JsonMapper PER_THREAD_BUFFERS =
            JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();

    private ApplicationJson() {
    }

    /** Jackson's defaults: Parallel Consumer's handler. */
    static JsonMapper plain() {
        return Plain.MAPPER;
    }

    /** The mapper Spring Kafka's JSON serializer and deserializer build for themselves when given none. */
    static JsonMapper spring() {
        return Spring.MAPPER;
    }

    private static final class Plain {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    private static final class Spring {
        static final JsonMapper MAPPER = JacksonMapperUtils.enhancedJsonMapper();
    }
}
