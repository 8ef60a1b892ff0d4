package io.kclient.boot.console;

import io.kclient.KClient;
import io.kclient.boot.actuate.KClientEndpoint;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Serves the console at the {@code kclient} endpoint's path plus {@code /console}, in the
 * management context (on the management port when it has one of its own), with
 * {@code kclient.console.enabled=true}, Spring MVC, and the endpoint exposed over HTTP. Its
 * mapping comes before Actuator's, whose {@code /kclient/{id}} would otherwise take the path.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, KClient.class})
@ConditionalOnBooleanProperty("kclient.console.enabled")
@ConditionalOnAvailableEndpoint(KClientEndpoint.class)
public class KClientConsoleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KClientConsoleConfiguration.class);
    /** Actuator's endpoint mapping is ordered -100. */
    private static final int BEFORE_ACTUATOR = -101;

    @Bean
    SimpleUrlHandlerMapping kclientConsoleHandlerMapping(PathMappedEndpoints endpoints) {
        String endpoint = endpoints.getPath(EndpointId.of("kclient"));
        if (endpoint == null) {
            log.warn("kclient.console.enabled is true but the kclient endpoint is not exposed over HTTP, so the console is not "
                    + "served: add kclient to management.endpoints.web.exposure.include");
            return new SimpleUrlHandlerMapping(Map.of(), Ordered.LOWEST_PRECEDENCE);
        }
        String path = endpoint + "/console";
        log.info("KClient operations console at {}", path);
        return new SimpleUrlHandlerMapping(Map.of(path, new ConsolePage()), BEFORE_ACTUATOR);
    }
}
