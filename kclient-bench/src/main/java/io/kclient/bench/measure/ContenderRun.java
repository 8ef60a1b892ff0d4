package io.kclient.bench.measure;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.kclient.bench.contender.Contender;
import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.model.Kennel;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one contender and measures it: the verifier starts reading the (empty) output topic, the
 * clock starts, the contender starts, and the clock stops when the verifier has read all N
 * outputs. A contender that fails, times out, or whose output does not verify is not timed.
 */
public final class ContenderRun {

    private static final Logger log = LoggerFactory.getLogger(ContenderRun.class);

    private final Contender contender;
    private final ContenderContext context;
    private final String scenario;
    private final long records;
    private final Kennel kennel;
    private final Duration timeout;

    public ContenderRun(Contender contender, ContenderContext context, String scenario, long records, Kennel kennel,
            Duration timeout) {
        this.contender = contender;
        this.context = context;
        this.scenario = scenario;
        this.records = records;
        this.kennel = kennel;
        this.timeout = timeout;
    }

    public RunResult run() throws InterruptedException {
        settleHeap();
        OutputVerifier verifier = new OutputVerifier(context.bootstrapServers(), context.outputTopic(), records, kennel);
        ResourceSampler sampler = new ResourceSampler();
        String problem;
        long startedAt;
        long completedAt;
        double ownCpuSeconds;
        double verifierCpuSeconds;
        try (verifier; sampler) {
            verifier.start();
            sampler.start();
            ContenderThreads own = new ContenderThreads(); // after the verifier's and sampler's threads started
            long verifierCpuAtStart = verifier.cpuNanos();
            startedAt = System.nanoTime();
            try {
                contender.start(context);
                problem = awaitOutputs(verifier);
            } catch (Exception e) {
                log.error("{} failed", contender.name(), e);
                problem = "failed: " + e;
            } finally {
                sampler.stop();
                ownCpuSeconds = own.cpuSeconds();
                verifierCpuSeconds = (verifier.cpuNanos() - verifierCpuAtStart) / 1e9;
                completedAt = verifier.completedAt();
                contender.close(); // before the verdict: duplicates written while stopping count too
            }
            Verdict verdict = verifier.stop();
            String verdictProblem = verdict.problem(contender.keepsKeyOrder());
            if (problem == null) {
                problem = verdictProblem;
            } else if (verdictProblem != null) {
                problem += " (" + verdictProblem + ")"; // how far it got
            }
            if (verdict.rekeyed() > 0) {
                log.warn("{}: {} outputs do not carry their input's key", contender.name(), verdict.rekeyed());
            }
            double seconds = problem == null ? (completedAt - startedAt) / 1e9 : 0;
            return new RunResult(contender.name(), scenario, records, seconds, sampler.peakHeapUsed(),
                    sampler.peakHeapAfterGc(), sampler.cpuSeconds(), sampler.jitSeconds(), ownCpuSeconds, verifierCpuSeconds, verdict.duplicates(), problem);
        }
    }

    /** Null once all outputs are there; else why not. */
    private String awaitOutputs(OutputVerifier verifier) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!verifier.awaitAll(100, TimeUnit.MILLISECONDS)) {
            if (contender.failure() != null) {
                log.error("{} failed", contender.name(), contender.failure());
                return "failed: " + contender.failure();
            }
            if (System.nanoTime() > deadline) {
                return "timed out after " + timeout.toSeconds() + " s";
            }
        }
        return verifier.failure() != null ? "verifier failed: " + verifier.failure() : null;
    }

    /**
     * Starts each contender on a collected heap, so one run's garbage does not count for the next,
     * and on the heap the JVM already has: the collection gives no memory back to the system (see
     * {@link #keepHeapCommitted()}).
     */
    private static void settleHeap() throws InterruptedException {
        keepHeapCommitted();
        System.gc();
        Thread.sleep(500);
    }

    /**
     * A full collection may shrink the heap, and the next contender then pays, inside its timed
     * rounds, for the kernel zeroing every page it grows into again (in one profiled {@code fast}
     * run, page faults took 20% of KClient's threads' CPU and 9% of the hand-written loop's): a cost
     * of this harness, not of a service whose heap stays committed. {@code MaxHeapFreeRatio} is a
     * manageable flag, so the harness sets it itself, whatever the command line.
     */
    private static void keepHeapCommitted() {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("MaxHeapFreeRatio", "100");
    }
}
