package io.kclient.bench.measure;

import io.kclient.bench.contender.Contender;
import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.model.Kennel;
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
        UsageMeter.settleHeap();
        OutputVerifier verifier = new OutputVerifier(context.bootstrapServers(), context.outputTopic(), records, kennel);
        String problem;
        long startedAt;
        long completedAt;
        RunUsage usage;
        double verifierCpuSeconds;
        try (verifier; UsageMeter meter = new UsageMeter()) {
            verifier.start();
            meter.start(); // after the verifier's thread started: it is not the contender's
            long verifierCpuAtStart = verifier.cpuNanos();
            startedAt = System.nanoTime();
            try {
                contender.start(context);
                problem = awaitOutputs(verifier);
            } catch (Exception e) {
                log.error("{} failed", contender.name(), e);
                problem = "failed: " + e;
            } finally {
                usage = meter.stop();
                RunUsage elsewhere = contender instanceof MeasuredElsewhere measured ? measured.usage() : null;
                if (elsewhere != null) {
                    usage = usage.with(elsewhere);
                }
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
            return new RunResult(contender.name(), scenario, records, seconds, usage, verifierCpuSeconds, verdict.duplicates(), problem);
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
}
