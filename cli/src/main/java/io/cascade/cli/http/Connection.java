package io.cascade.cli.http;

import io.cascade.cli.error.CliException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where the server is and which key to send. {@code endpoint} is the server's base URL
 * ({@code http://localhost:8080}); a URL that already ends in {@code /graphql} is used as is.
 */
public record Connection(String endpoint, String key) {

    public Connection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(key, "key");
    }

    /** The GraphQL URL; a usage error if the endpoint is not an http(s) URL. */
    public URI graphqlUri() {
        String base = endpoint.strip();
        try {
            URI uri = new URI(base);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw CliException.usage("bad endpoint '" + endpoint + "': expected http(s)://host[:port]");
            }
        } catch (URISyntaxException e) {
            throw CliException.usage("bad endpoint '" + endpoint + "': " + e.getReason());
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith("/graphql") ? base : base + "/graphql");
    }

    @Override
    public String toString() {
        return "Connection[endpoint=" + endpoint + ", key=***]";
    }
}
