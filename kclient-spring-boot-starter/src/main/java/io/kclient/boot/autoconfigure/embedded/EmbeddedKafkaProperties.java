package io.kclient.boot.autoconfigure.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The in-process broker started when no bootstrap servers are configured. */
@ConfigurationProperties("kclient.embedded")
public class EmbeddedKafkaProperties {

    /** Whether to start an in-process broker when no bootstrap servers are configured. */
    private boolean enabled = true;

    /** Client port of the in-process broker; 0 picks a free one. */
    private int port = 9092;

    /** Where the in-process broker keeps its data, kept across restarts; empty for a temporary directory deleted on stop. */
    private String dataDir = "kafka-data";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }
}
