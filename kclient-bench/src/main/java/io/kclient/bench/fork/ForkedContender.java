package io.kclient.bench.fork;

import io.kclient.bench.contender.Contender;
import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.measure.MeasuredElsewhere;
import io.kclient.bench.measure.RunUsage;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One run of a contender in its own JVM: started, measured and closed there. */
final class ForkedContender implements Contender, MeasuredElsewhere {

    private final ContenderJvm jvm;

    ForkedContender(ContenderJvm jvm) {
        this.jvm = jvm;
    }

    @Override
    public String name() {
        return jvm.name();
    }

    @Override
    public boolean keepsKeyOrder() {
        return jvm.keepsKeyOrder();
    }

    @Override
    public void start(ContenderContext context) throws Exception {
        jvm.start(HostProtocol.start(context));
    }

    @Override
    public Throwable failure() {
        String failure = jvm.failure();
        return failure == null ? null : new IllegalStateException(failure);
    }

    @Override
    public RunUsage usage() {
        if (!jvm.isAlive()) {
            return null; // the run failed with it, as failure() says
        }
        try {
            return HostProtocol.usage(jvm.request(HostProtocol.USAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!jvm.isAlive()) {
            return; // nothing left running
        }
        try {
            jvm.request(HostProtocol.CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
