package io.kclient.boot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/** When the console is served, where, and what the page answers with. */
class KClientConsoleConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(KClientConsoleConfiguration.class)
            .withBean(PathMappedEndpoints.class, () -> new PathMappedEndpoints("/actuator", () -> List.of(kclientEndpoint())))
            .withPropertyValues("management.endpoints.web.exposure.include=kclient");

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean("kclientConsoleHandlerMapping"));
    }

    @Test
    void servedUnderTheEndpointsPathBeforeActuatorsOwnMapping() {
        runner.withPropertyValues("kclient.console.enabled=true").run(context -> {
            SimpleUrlHandlerMapping mapping = context.getBean("kclientConsoleHandlerMapping", SimpleUrlHandlerMapping.class);
            assertThat(mapping.getUrlMap()).containsOnlyKeys("/actuator/kclient/console");
            assertThat(mapping.getOrder()).isLessThan(-100);
        });
    }

    @Test
    void notServedWhenTheEndpointIsNotExposed() {
        runner.withPropertyValues("kclient.console.enabled=true", "management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean("kclientConsoleHandlerMapping"));
    }

    @Test
    void thePageAllowsItsOwnScriptAndStyleByHashAndNothingElse() throws Exception {
        ConsolePage page = new ConsolePage();
        MockHttpServletResponse response = new MockHttpServletResponse();
        page.handleRequest(new MockHttpServletRequest("GET", "/actuator/kclient/console"), response);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getHeader("Content-Security-Policy")).startsWith("default-src 'none'")
                .contains("script-src " + sha256Of("script", html), "style-src " + sha256Of("style", html))
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(html).as("payloads become text, never markup").doesNotContain("innerHTML", "insertAdjacentHTML", "eval(");

        MockHttpServletResponse post = new MockHttpServletResponse();
        page.handleRequest(new MockHttpServletRequest("POST", "/actuator/kclient/console"), post);
        assertThat(post.getStatus()).isEqualTo(405);
    }

    private static String sha256Of(String tag, String html) throws Exception {
        Matcher element = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        assertThat(element.find()).isTrue();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(element.group(1).getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }

    private static ExposableWebEndpoint kclientEndpoint() {
        ExposableWebEndpoint endpoint = mock(ExposableWebEndpoint.class);
        when(endpoint.getEndpointId()).thenReturn(EndpointId.of("kclient"));
        when(endpoint.getRootPath()).thenReturn("kclient");
        return endpoint;
    }
}
