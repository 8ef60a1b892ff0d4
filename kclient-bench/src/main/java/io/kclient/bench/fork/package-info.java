/**
 * Contenders in JVMs of their own: one child JVM per contender and scenario, kept through the
 * warm-up and every timed round, so that no contender's code makes the JIT recompile another's
 * inside its timed run. The benchmark's JVM keeps the broker, the preloading and the verifier.
 */
package io.kclient.bench.fork;
