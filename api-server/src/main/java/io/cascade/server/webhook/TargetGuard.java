package io.cascade.server.webhook;

import io.cascade.server.error.ApiErrorCode;
import io.cascade.server.error.CascadeException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request forgery guard: decides whether a webhook may be sent to a URL. The URL must be
 * {@code http} or {@code https} with a host and no user info; a host that spells IPv4 other than as
 * canonical dotted-quad ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}) is refused as
 * ambiguous; {@code localhost} and names under it are refused; every address the host resolves to
 * must be outside the refused ranges ({@link Addresses#REFUSED}: loopback, private, unique-local,
 * link-local, CGNAT, multicast, unspecified, cloud metadata, reserved), unless an allowed range
 * ({@code CASCADE_WEBHOOK_ALLOWED_TARGETS}) contains it.
 *
 * <p>Called at registration and again before every attempt, since what a name resolves to can
 * change. A refusal is {@code BAD_USER_INPUT} with the rule in {@code extensions.rule}.
 */
public final class TargetGuard {

    /** Looks a host name up; the real one is the JVM's, tests give their own. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL that passed, with the addresses its host resolved to. */
    public record Target(URI uri, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }
    }

    static final int MAX_URL_LENGTH = 2048;

    private final List<Cidr> allowed;
    private final Resolver resolver;

    public TargetGuard(List<Cidr> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** The guard with the JVM's resolver. */
    public static TargetGuard withSystemResolver(List<Cidr> allowed) {
        return new TargetGuard(allowed, InetAddress::getAllByName);
    }

    /** The allowed ranges, as configured. */
    public List<Cidr> allowed() {
        return allowed;
    }

    /** Checks the URL's form only, without looking the host up: what can be said of it forever. */
    public URI checkForm(String url) {
        if (url == null || url.isBlank()) {
            throw refused("form", "the webhook URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw refused("form", "the webhook URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused("form", "the webhook URL is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("scheme", "a webhook URL must be http or https");
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || (authority != null && authority.indexOf('@') >= 0)) {
            throw refused("userinfo", "a webhook URL may not carry user info (user:password@)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            String named = authority == null ? "" : authority.replaceFirst(":[0-9]*$", "");
            if (Addresses.ambiguousNumeric(named)) {
                throw refused(
                        "ambiguous-ipv4",
                        "host '" + named
                                + "' spells an IPv4 address in a non-canonical form; write it as a dotted quad");
            }
            throw refused("form", "the webhook URL has no valid host");
        }
        if (uri.getRawFragment() != null) {
            throw refused("form", "a webhook URL may not have a fragment (#...)");
        }
        String host = host(uri);
        if (host.isEmpty()) {
            throw refused("form", "the webhook URL has no valid host");
        }
        if (host.indexOf('%') >= 0) {
            throw refused("link-local", "host '" + host + "' names a network interface (a zone): link-local");
        }
        if (Addresses.ambiguousNumeric(host)) {
            throw refused(
                    "ambiguous-ipv4",
                    "host '" + host + "' spells an IPv4 address in a non-canonical form; write it as a dotted quad");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw refused("loopback", "host '" + host + "' is loopback");
        }
        return uri;
    }

    /**
     * Checks the form, resolves the host and checks every address. Throws {@code BAD_USER_INPUT}
     * naming the rule when any address is refused or the host does not resolve.
     */
    public Target check(String url) {
        URI uri = checkForm(url);
        String host = host(uri);
        byte[] literal = Addresses.literal(host);
        List<InetAddress> addresses = new ArrayList<>();
        if (literal != null) {
            addresses.add(address(literal));
        } else {
            try {
                addresses.addAll(List.of(resolver.resolve(host)));
            } catch (UnknownHostException e) {
                throw refused("unresolvable", "host '" + host + "' does not resolve");
            }
            if (addresses.isEmpty()) {
                throw refused("unresolvable", "host '" + host + "' does not resolve");
            }
        }
        for (InetAddress address : addresses) {
            byte[] bytes = address.getAddress();
            if (isAllowed(bytes)) {
                continue;
            }
            Optional<String> rule = Addresses.refusal(bytes);
            if (rule.isPresent()) {
                throw refused(
                        rule.get(),
                        "host '" + host + "' has address " + address.getHostAddress() + ", which is in a "
                                + rule.get() + " range; webhooks may not target it unless"
                                + " CASCADE_WEBHOOK_ALLOWED_TARGETS allows it");
            }
        }
        return new Target(uri, addresses);
    }

    private boolean isAllowed(byte[] address) {
        byte[] embedded = Addresses.embeddedIpv4(address);
        for (Cidr cidr : allowed) {
            if (cidr.contains(address) || (embedded != null && cidr.contains(embedded))) {
                return true;
            }
        }
        return false;
    }

    /** The host in lower case, without IPv6 brackets and without the trailing dot of a fully qualified name. */
    static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CascadeException refused(String rule, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", rule);
        return new CascadeException(ApiErrorCode.BAD_USER_INPUT, message, details);
    }
}
