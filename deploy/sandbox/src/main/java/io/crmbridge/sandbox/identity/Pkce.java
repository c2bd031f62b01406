package io.crmbridge.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** PKCE (RFC 7636) as Entra checks it: S256 or plain, plain when the method is omitted. */
final class Pkce {

    private Pkce() {
    }

    static boolean supportsMethod(String method) {
        return method == null || method.isEmpty() || "S256".equals(method) || "plain".equals(method);
    }

    /** Whether {@code verifier} answers {@code challenge}; a challenge without a verifier never does. */
    static boolean verifies(String challenge, String method, String verifier) {
        if (verifier == null || verifier.isEmpty()) {
            return false;
        }
        String expected = "S256".equals(method) ? s256(verifier) : verifier;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
