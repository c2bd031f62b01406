package io.crmbridge.sandbox.identity;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.crmbridge.sandbox.SandboxTls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MSAL4J applications pointed at the sandbox as shared/reference/identity.md §4.8 says: an https authority, the
 * sandbox's trust store, no instance discovery.
 */
final class SandboxMsal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SandboxMsal() {
    }

    static PublicClientApplication publicClient(String clientId, String authority) {
        try {
            return PublicClientApplication.builder(clientId).authority(authority).instanceDiscovery(false)
                    .sslSocketFactory(SandboxTls.socketFactory()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ConfidentialClientApplication confidentialClient(String clientId, IClientCredential credential,
                                                            String authority) {
        try {
            return ConfidentialClientApplication.builder(clientId, credential).authority(authority)
                    .instanceDiscovery(false).sslSocketFactory(SandboxTls.socketFactory()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Signs {@code username} in through the consent page and redeems the code: the user's first tokens. */
    static IAuthenticationResult signIn(AbstractClientApplicationBase app, String username, String password,
                                        Set<String> scopes) throws Exception {
        String redirect = "http://localhost:50505";
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(redirect, scopes).build());
        Map<String, String> callback = BrowserSignIn.callbackParameters(new BrowserSignIn().signIn(url, username, password));
        return app.acquireToken(AuthorizationCodeParameters.builder(callback.get("code"), URI.create(redirect))
                .scopes(scopes).build()).get();
    }

    /**
     * A forced silent refresh of the app's one account. The authority is passed explicitly: MSAL4J 1.26 caches an
     * AAD account under the host without its port and would otherwise refresh against port 443.
     */
    static CompletableFuture<IAuthenticationResult> refresh(AbstractClientApplicationBase app, Set<String> scopes)
            throws Exception {
        return app.acquireTokenSilently(SilentParameters.builder(scopes, app.getAccounts().get().iterator().next())
                .forceRefresh(true).authorityUrl(app.authority()).build());
    }

    /** The one refresh token in the application's MSAL cache (its serialized form), or null. */
    static String refreshTokenIn(AbstractClientApplicationBase app) {
        JsonNode cache = JSON.readTree(app.tokenCache().serialize());
        JsonNode refreshTokens = cache.path("RefreshToken");
        if (refreshTokens.isEmpty()) {
            return null;
        }
        if (refreshTokens.size() != 1) {
            throw new AssertionError("expected one refresh token in the cache, found " + refreshTokens.size());
        }
        Map.Entry<String, JsonNode> entry = refreshTokens.properties().iterator().next();
        return entry.getValue().path("secret").asString();
    }
}
