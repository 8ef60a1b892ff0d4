/**
 * Handler classes of an application's packages, each declared once in its own way (a
 * conditional {@code @Bean} method, a switched-off configuration, a wider return type, a
 * subclass), each sub-package scanned alone.
 */
package io.kclient.boot.autoconfigure.declared;
