package io.crmbridge.token.oauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.token.oauth.*}.
 *
 * @param publicUrl          the service's address as browsers reach it (redirect URI {@code <publicUrl>/oauth/callback}
 *                           must be registered on every delegated app)
 * @param instanceDiscovery  MSAL instance discovery: true for Microsoft clouds, false for other hosts
 * @param trustStore         PKCS12 trust store for the identity providers' TLS; unset: the JVM's
 * @param trustStorePassword its password
 * @param connectTimeout     MSAL HTTP connect timeout
 * @param readTimeout        MSAL HTTP read timeout
 * @param signInLifetime     how long a Connect link may take to complete
 */
@Validated
@ConfigurationProperties("crmbridge.token.oauth")
record OAuthProperties(@NotNull URI publicUrl, @DefaultValue("true") boolean instanceDiscovery, Path trustStore,
                       String trustStorePassword, @DefaultValue("10s") Duration connectTimeout,
                       @DefaultValue("15s") Duration readTimeout, @DefaultValue("15m") Duration signInLifetime) {

    @Override
    public String toString() {
        return "OAuthProperties[publicUrl=" + publicUrl + ", trustStore=" + trustStore + "]";
    }
}
