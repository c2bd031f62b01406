package io.crmbridge.token.oauth;

import java.util.Optional;
import java.util.Set;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.SilentParameters;
import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.refresh.IssuedToken;
import io.crmbridge.token.refresh.TokenIssuer;
import io.crmbridge.token.vault.TokenCacheSlot;

/**
 * Tokens from MSAL4J: client credentials for app-only connections, the silent flow (MSAL's refresh-token grant)
 * for every delegated kind. What a person does to sign in is in {@link SigningIn}.
 */
final class MsalTokens implements TokenIssuer {

    private final Authorities authorities;
    private final MsalCredentials credentials;

    MsalTokens(Authorities authorities, MsalCredentials credentials) {
        this.authorities = authorities;
        this.credentials = credentials;
    }

    @Override
    public IssuedToken acquire(Connection connection, TokenCacheSlot cache, boolean force) throws Exception {
        Set<String> scopes = Set.copyOf(connection.scopes());
        if (connection.authKind() == AuthKind.CLIENT_CREDENTIALS) {
            IAuthenticationResult result = authorities.confidential(connection, cache).acquireToken(
                    ClientCredentialParameters.builder(scopes).skipCache(force).build()).get();
            return issued(result);
        }
        AbstractClientApplicationBase app = authorities.application(connection, cache);
        IAccount account = app.getAccounts().get().stream().findFirst().orElseThrow(() -> new MsalClientException(
                "no signed-in account is cached for connection " + connection.id(), "cache_miss"));
        // The authority is given explicitly: otherwise MSAL swaps in the cached account's "environment", which is
        // the host without its port, and a provider on a non-default port is then called on 443.
        return issued(app.acquireTokenSilently(SilentParameters.builder(scopes, account).forceRefresh(force)
                .authorityUrl(connection.authority().toString()).build()).get());
    }

    @Override
    public Optional<CredentialExpiry> credentialExpiry(Connection connection) {
        return connection.credential().flatMap(credentials::expiry);
    }

    static IssuedToken issued(IAuthenticationResult result) {
        return new IssuedToken(result.accessToken(), result.expiresOnDate().toInstant(),
                Optional.ofNullable(result.account()).map(IAccount::username));
    }
}
