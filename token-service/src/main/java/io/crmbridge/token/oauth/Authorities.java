package io.crmbridge.token.oauth;

import java.net.MalformedURLException;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.refresh.TokenIssuer.CredentialUnavailable;
import io.crmbridge.token.vault.TokenCacheSlot;

/**
 * Builds the MSAL application of a connection: public or confidential client, Entra ID or AD FS authority (MSAL
 * tells them apart by the {@code /adfs/} path), its token cache bound to the connection's vault slot. Applications
 * are built per use, which reads the credential afresh and costs no network round trip.
 */
final class Authorities {

    private final OAuthSettings settings;
    private final MsalCredentials credentials;

    Authorities(OAuthSettings settings, MsalCredentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    AbstractClientApplicationBase application(Connection connection, TokenCacheSlot cache) {
        return connection.authKind().confidential() ? confidential(connection, cache) : publicClient(connection, cache);
    }

    PublicClientApplication publicClient(Connection connection, TokenCacheSlot cache) {
        try {
            PublicClientApplication.Builder builder = PublicClientApplication.builder(connection.clientId());
            return configure(builder, connection, cache).build();
        } catch (MalformedURLException e) {
            throw new CredentialUnavailable("authority " + connection.authority() + " is not a URL");
        }
    }

    ConfidentialClientApplication confidential(Connection connection, TokenCacheSlot cache) {
        var credential = connection.credential().orElseThrow(() -> new CredentialUnavailable(
                "connection " + connection.id() + " has no client credential"));
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(
                    connection.clientId(), credentials.of(credential));
            return configure(builder, connection, cache).build();
        } catch (MalformedURLException e) {
            throw new CredentialUnavailable("authority " + connection.authority() + " is not a URL");
        }
    }

    private <B extends AbstractClientApplicationBase.Builder<B>> B configure(B builder, Connection connection,
                                                                            TokenCacheSlot cache)
            throws MalformedURLException {
        builder.authority(connection.authority().toString())
                .instanceDiscovery(settings.instanceDiscovery())
                .connectTimeoutForDefaultHttpClient((int) settings.connectTimeout().toMillis())
                .readTimeoutForDefaultHttpClient((int) settings.readTimeout().toMillis())
                .setTokenCacheAccessAspect(cache)
                .logPii(false);
        settings.sslSocketFactory().ifPresent(builder::sslSocketFactory);
        return builder;
    }
}
