/**
 * Support for every module's tests, shipped as this module's test-jar:
 * {@link io.kclient.embedded.testing.SharedKafka}, the one broker of a test JVM,
 * {@link io.kclient.embedded.testing.TopicProbe}, which sends test records and reads topics back,
 * and {@link io.kclient.embedded.testing.QuickAwaits}, which makes Awaitility check at once.
 */
package io.kclient.embedded.testing;
