/** The cluster of a run, and the input every contender reads. */
package io.kclient.bench.kafka;
