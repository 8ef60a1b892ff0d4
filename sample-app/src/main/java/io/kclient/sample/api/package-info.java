/** The sample's REST API: publish a test message to a topic, read back a topic's last records. */
package io.kclient.sample.api;
