package io.kclient.asyncapi;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code kclient.asyncapi.*}: what the AsyncAPI document says of the application besides its handlers. */
@ConfigurationProperties("kclient.asyncapi")
public class AsyncApiProperties {

    /** Whether the document is made (and served by the asyncapi endpoint, with Actuator). */
    private boolean enabled = true;

    /** The document's title. Default: spring.application.name, else "KClient application". */
    private String title;

    /** The version of the application's event API. Default: the build's version (META-INF/build-info.properties), else "unversioned". */
    private String version;

    /** What the application does, in the document's info. */
    private String description;

    /** The Kafka servers the document names (host:port). Default: the bootstrap servers KClient connects to. */
    private List<String> servers = new ArrayList<>();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public List<String> getServers() { return servers; }
    public void setServers(List<String> servers) { this.servers = servers; }
}
