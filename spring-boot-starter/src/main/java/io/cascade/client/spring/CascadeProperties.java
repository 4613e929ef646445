package io.cascade.client.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code cascade.*} settings of a host application. */
public class CascadeProperties {

    /** The servers' base URIs, in failover order. */
    private List<URI> endpoints = new ArrayList<>();
    /** The API key: an SDK key of the namespace and the scope's environment. */
    private String apiKey;
    /** The namespace; setting it turns the starter on. */
    private String namespace;
    /** The host's scope, one value per dimension ({@code cascade.scope.environment=prod}). */
    private Map<String, String> scope = new LinkedHashMap<>();
    /** The host id; defaults to the host name and process id. */
    private String hostId;
    /** Where the last-known-good copy is kept; none without it. */
    private Path cacheDirectory;
    /** How long the application waits at start for a config from a server or the disk copy. */
    private Duration startTimeout = Duration.ofSeconds(10);
    /** How often to poll while the subscription is down. */
    private Duration pollInterval = Duration.ofSeconds(30);

    public List<URI> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<URI> endpoints) {
        this.endpoints = endpoints;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Map<String, String> getScope() {
        return scope;
    }

    public void setScope(Map<String, String> scope) {
        this.scope = scope;
    }

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public Path getCacheDirectory() {
        return cacheDirectory;
    }

    public void setCacheDirectory(Path cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    public Duration getStartTimeout() {
        return startTimeout;
    }

    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
