package io.cascade.cli.config;

import java.util.Objects;

/** What {@code cascade login} stores: the server's base URL and the API key. */
public record Login(String endpoint, String key) {

    public Login {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "Login[endpoint=" + endpoint + ", key=***]";
    }
}
