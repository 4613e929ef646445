package io.cascade.server.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}: a network and a prefix length. */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + network.length);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix must be 0 to " + network.length * 8 + ", was " + prefix);
        }
        network = mask(network.clone(), prefix);
    }

    /**
     * Parses {@code address/prefix} with a literal IPv4 or IPv6 address (a bare address is a range
     * of one). Never looks anything up.
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = Addresses.literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an address range such as 10.1.0.0/16 or fd00::/8");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
            }
            prefix = Integer.parseInt(digits);
        }
        return new Cidr(bytes, prefix);
    }

    /** A comma-separated list of ranges; blank is none. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return List.copyOf(out);
    }

    /** A copy of the network's bytes. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Whether {@code address} (of the same family) is in this range. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address.clone(), prefix), network);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
