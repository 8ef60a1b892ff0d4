/** The benchmark's payloads (dogs in, cats out), their layout over keys, and the handler's work. */
package io.kclient.bench.model;
