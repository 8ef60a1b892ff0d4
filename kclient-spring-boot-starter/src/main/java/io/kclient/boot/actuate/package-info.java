/**
 * Operating KClient with Spring Boot Actuator and Micrometer: meters fed by the engine's
 * {@link io.kclient.observe.HandlerObserver}, a health indicator judging each handler, and the
 * {@code kclient} endpoint that lists handlers and pauses, resumes or restarts one. Each part is
 * auto-configured only when the application has the library it needs.
 */
package io.kclient.boot.actuate;
