package io.cascade.server.webhook;

// The Java verification snippet of docs/webhooks.md, kept here so that it compiles and is tested.

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

final class VerifyCascadeSignature {

    private VerifyCascadeSignature() {}

    /** True when the Cascade-Signature header signs this exact body with the secret, within 5 minutes of now. */
    static boolean verify(String header, byte[] body, String secret, long nowUnixSeconds) {
        long t = -1;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) continue;
            if (kv[0].equals("t")) t = Long.parseLong(kv[1]);
            if (kv[0].equals("v1")) signatures.add(kv[1]);
        }
        if (t < 0 || Math.abs(nowUnixSeconds - t) > 300) return false;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected =
                    java.util.HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8);
            for (String signature : signatures) {
                if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) return true;
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
