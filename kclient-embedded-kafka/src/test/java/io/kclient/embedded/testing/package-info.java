/**
 * Support for every module's integration tests, shipped as this module's test-jar:
 * {@link io.kclient.embedded.testing.SharedKafka}, the one broker of a test JVM, and
 * {@link io.kclient.embedded.testing.TopicProbe}, which sends test records and reads topics back.
 */
package io.kclient.embedded.testing;
