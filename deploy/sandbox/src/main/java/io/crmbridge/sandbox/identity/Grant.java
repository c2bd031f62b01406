package io.crmbridge.sandbox.identity;

import java.util.Locale;

/** The token endpoint's grant types, as counted in {@link TokenRequestCounts}. */
public enum Grant {
    AUTHORIZATION_CODE,
    REFRESH_TOKEN,
    CLIENT_CREDENTIALS,
    DEVICE_CODE,
    /** A missing or unsupported {@code grant_type}. */
    UNSUPPORTED;

    /**
     * The grant a {@code grant_type} value names. MSAL4J 1.26 sends {@code device_code} for the device flow; the
     * RFC 8628 URN is accepted too.
     */
    static Grant of(String grantType) {
        if (grantType == null) {
            return UNSUPPORTED;
        }
        return switch (grantType) {
            case "authorization_code" -> AUTHORIZATION_CODE;
            case "refresh_token" -> REFRESH_TOKEN;
            case "client_credentials" -> CLIENT_CREDENTIALS;
            case "device_code", "urn:ietf:params:oauth:grant-type:device_code" -> DEVICE_CODE;
            default -> UNSUPPORTED;
        };
    }

    /** The {@code grant_type} value, e.g. {@code refresh_token}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
