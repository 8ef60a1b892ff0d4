package io.kclient.bench.fork;

import io.kclient.bench.contender.Contender;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVMs of one scenario's contenders, one each, started at a contender's first run (or again
 * after its JVM died) and ended with the scenario.
 */
public final class ContenderJvms implements AutoCloseable {

    private final String jvmOptions;
    private final Map<String, ContenderJvm> jvms = new LinkedHashMap<>();

    /** @param jvmOptions the options every contender's JVM starts with */
    public ContenderJvms(String jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    /**
     * A run of contender {@code name} in its JVM, whose heap was collected just now, so that the
     * collection is not timed.
     */
    public Contender prepare(String name) throws IOException, InterruptedException {
        ContenderJvm jvm = jvms.get(name);
        if (jvm == null || !jvm.isAlive()) { // a contender whose JVM died failed that run; the next one gets a new JVM
            jvm = new ContenderJvm(name, jvmOptions);
            jvms.put(name, jvm);
        }
        jvm.request(HostProtocol.SETTLE);
        return new ForkedContender(jvm);
    }

    @Override
    public void close() throws InterruptedException {
        for (ContenderJvm jvm : jvms.values()) {
            jvm.close();
        }
    }
}
