package io.cascade.server.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address rules of the request forgery guard: which ranges a webhook may never reach unless
 * allowed, and strict parsing of address literals. All static.
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are checked both as they are and
 * by the IPv4 address they carry, so {@code [::ffff:127.0.0.1]} is loopback.
 */
final class Addresses {

    private Addresses() {}

    /** A refused range, and the rule it belongs to. */
    record Range(Cidr cidr, String rule) {}

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern CANONICAL_IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Hosts made only of numbers (decimal, octal, hex) and dots: IPv4 in some spelling. */
    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+))*\\.?");

    /** Checked in order; the first that contains an address names the rule. Metadata first: it sits inside others. */
    static final List<Range> REFUSED = List.of(
            range("169.254.169.254/32", "cloud-metadata"),
            range("169.254.170.2/32", "cloud-metadata"),
            range("100.100.100.200/32", "cloud-metadata"),
            range("192.0.0.192/32", "cloud-metadata"),
            range("fd00:ec2::254/128", "cloud-metadata"),
            range("0.0.0.0/8", "unspecified"),
            range("::/128", "unspecified"),
            range("127.0.0.0/8", "loopback"),
            range("::1/128", "loopback"),
            range("10.0.0.0/8", "private"),
            range("172.16.0.0/12", "private"),
            range("192.168.0.0/16", "private"),
            range("fc00::/7", "unique-local"),
            range("fec0::/10", "site-local"),
            range("169.254.0.0/16", "link-local"),
            range("fe80::/10", "link-local"),
            range("100.64.0.0/10", "cgnat"),
            range("224.0.0.0/4", "multicast"),
            range("ff00::/8", "multicast"),
            range("255.255.255.255/32", "broadcast"),
            range("240.0.0.0/4", "reserved"),
            range("192.0.0.0/24", "reserved"),
            range("198.18.0.0/15", "reserved"),
            range("192.0.2.0/24", "documentation"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("2001:db8::/32", "documentation"),
            range("100::/64", "reserved"));

    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private static Range range(String cidr, String rule) {
        return new Range(Cidr.parse(cidr), rule);
    }

    /**
     * The bytes of a strict address literal: canonical dotted-quad IPv4, or IPv6 (with or without
     * brackets, no zone); null for anything else. Never looks a name up.
     */
    static byte[] literal(String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (CANONICAL_IPV4.matcher(host).matches()) {
            return parse(host);
        }
        if (host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.]+")) {
            return parse(host);
        }
        return null;
    }

    private static byte[] parse(String literal) {
        try {
            // A literal: InetAddress parses it without a look-up. Mapped forms come back as IPv4.
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length == 4 && literal.indexOf(':') >= 0) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether a host is IPv4 in a spelling other than canonical dotted-quad: decimal, octal, hex, short forms. */
    static boolean ambiguousNumeric(String host) {
        return NUMERIC_HOST.matcher(host).matches()
                && !CANONICAL_IPV4.matcher(host).matches();
    }

    /** The rule that refuses {@code address}, or empty when it is a public address. */
    static Optional<String> refusal(byte[] address) {
        for (Range range : REFUSED) {
            if (range.cidr().contains(address)) {
                return Optional.of(range.rule());
            }
        }
        byte[] embedded = embeddedIpv4(address);
        return embedded == null ? Optional.empty() : refusal(embedded);
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
    static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        if (MAPPED.contains(address) || COMPATIBLE.contains(address) || NAT64.contains(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return null;
    }
}
