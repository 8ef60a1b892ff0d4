package io.kclient.boot.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code kclient.console.*}: the operations console. */
@ConfigurationProperties("kclient.console")
public class ConsoleProperties {

    /**
     * Whether the operations console is served, at the kclient Actuator endpoint's path plus /console
     * (/actuator/kclient/console by default), behind the endpoint's own security. Needs Spring MVC
     * and the kclient endpoint exposed over HTTP.
     */
    private boolean enabled = false;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
