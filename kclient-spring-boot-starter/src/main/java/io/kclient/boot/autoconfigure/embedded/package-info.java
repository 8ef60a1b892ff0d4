/** Auto-configuration of the in-process broker of {@code kclient-embedded-kafka}, when it is on the class path. */
package io.kclient.boot.autoconfigure.embedded;
