/** Producers for handler output and dead letters: one thread-safe producer per configuration. */
package io.kclient.producer;
