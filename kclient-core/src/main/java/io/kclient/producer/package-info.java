/**
 * Producers for handler output and dead letters: one thread-safe producer per configuration,
 * shared by at-least-once handlers, and a transactional producer of its own for each
 * exactly-once handler.
 */
package io.kclient.producer;
