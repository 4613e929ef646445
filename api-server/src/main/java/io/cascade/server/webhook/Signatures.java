package io.cascade.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Cascade-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"
 * keyed by the webhook secret>}. While a rotated-out secret is still in its grace period the header
 * carries one {@code v1} per valid secret, newest first; a receiver accepts the request when any of
 * them matches. All static.
 */
public final class Signatures {

    private Signatures() {}

    /** The header value for {@code body} sent at {@code unixSeconds}, signed with each secret. */
    public static String header(long unixSeconds, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a delivery");
        }
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(sign(unixSeconds, body, secret));
        }
        return header.toString();
    }

    /** Hex HMAC-SHA256 of {@code "<t>.<body>"} keyed by the UTF-8 bytes of {@code secret}. */
    public static String sign(long unixSeconds, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always present", e);
        }
    }
}
