/**
 * Test support: {@link io.kclient.test.KClientTest} runs an application's handlers against an
 * in-process Kafka broker, and {@link io.kclient.test.KClientTestTemplate} sends payloads and
 * awaits what the handlers publish.
 */
package io.kclient.test;
