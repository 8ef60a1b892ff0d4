package io.kclient.bench.measure;

/** A contender that runs in a JVM of its own, which measures what the contender's run used. */
public interface MeasuredElsewhere {

    /** What the contender's JVM used from the contender's start until now, or {@code null} when that JVM is gone. */
    RunUsage usage();
}
