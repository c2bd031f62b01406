package io.crmbridge.token.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * How the service talks to identity providers and where people reach it.
 *
 * @param publicUrl         the token-service's own address as a browser reaches it; {@code /oauth/callback} and the
 *                          reconnect links are under it
 * @param instanceDiscovery MSAL's Entra instance discovery (on for Microsoft clouds; off for other hosts)
 * @param sslSocketFactory  TLS trust for the identity provider when not the JVM's default
 * @param connectTimeout    connection timeout of MSAL's HTTP client
 * @param readTimeout       read timeout of MSAL's HTTP client
 * @param signInLifetime    how long a Connect / Reconnect link stays usable (the authorization code lives ~10 min)
 */
public record OAuthSettings(URI publicUrl, boolean instanceDiscovery, Optional<SSLSocketFactory> sslSocketFactory,
                            Duration connectTimeout, Duration readTimeout, Duration signInLifetime) {

    public OAuthSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(signInLifetime, "signInLifetime");
    }

    /** Where the identity provider sends the browser back: {@code <publicUrl>/oauth/callback}. */
    public URI redirectUri() {
        return URI.create(base() + "/oauth/callback");
    }

    /** The page where a person (re)connects {@code connectionId}. */
    public String connectUrl(String connectionId) {
        return base() + "/connections/" + connectionId + "/connect";
    }

    private String base() {
        String text = publicUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
