/**
 * The throughput benchmark of issue 3: {@link io.kclient.bench.Benchmark} runs the scenarios,
 * each preloading its input once and running every contender on it in turn.
 */
package io.kclient.bench;
