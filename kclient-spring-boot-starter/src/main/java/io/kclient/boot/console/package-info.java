/**
 * The operations console: one web page, served under the {@code kclient} Actuator endpoint
 * ({@code <base-path>/kclient/console}) when {@code kclient.console.enabled=true}, that reads and
 * acts only through that endpoint, so whatever secures the endpoint secures the console.
 */
package io.kclient.boot.console;
