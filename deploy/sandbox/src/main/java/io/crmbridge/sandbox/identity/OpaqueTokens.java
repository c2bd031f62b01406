package io.crmbridge.sandbox.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values for codes and refresh tokens, which only the sandbox reads. */
final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789".toCharArray();

    private OpaqueTokens() {
    }

    /** {@code prefix} followed by {@code bytes} random bytes in base64url. */
    static String next(String prefix, int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A code a person types, like Entra's nine characters without look-alikes. */
    static String userCode() {
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            code.append(USER_CODE_ALPHABET[RANDOM.nextInt(USER_CODE_ALPHABET.length)]);
        }
        return code.toString();
    }
}
