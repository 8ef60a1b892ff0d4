/** Measuring a contender run: output verification, heap and CPU sampling, and the results table. */
package io.kclient.bench.measure;
