/**
 * The Spring side of the engine: the registry that collects the handlers' endpoints, builds the
 * {@link io.kclient.KClient} engine once every singleton exists (so every configuration error
 * surfaces before anything starts) and ties it to the context's lifecycle. Nothing here reads
 * annotations; {@code io.kclient.spring.annotation} does and registers what it finds here.
 */
package io.kclient.spring.config;
