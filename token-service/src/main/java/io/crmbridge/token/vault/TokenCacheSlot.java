package io.crmbridge.token.vault;

import java.util.Optional;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;

/**
 * One connection's MSAL token cache (accounts, refresh token, access tokens) as the serialized text the vault
 * stores. MSAL loads it before every cache access and hands back changes after, so whatever the vault holds is what
 * MSAL uses, and whatever MSAL learns reaches the vault with the next save.
 */
public final class TokenCacheSlot implements ITokenCacheAccessAspect {

    private String serialized;
    private long version;
    private long loadedVersion = -1;
    // A rebuilt MSAL application has an empty cache of its own: it must be loaded even if the text did not change.
    private Object loadedInto;

    public TokenCacheSlot(Optional<String> serialized) {
        this.serialized = serialized.orElse(null);
    }

    /** The cache as MSAL last left it; empty before the first sign-in or token. */
    public synchronized Optional<String> serialized() {
        return Optional.ofNullable(serialized);
    }

    /** Replaces the cache, e.g. with the one a sign-in produced. */
    public synchronized void replace(String value) {
        serialized = value;
        version++;
    }

    @Override
    public synchronized void beforeCacheAccess(ITokenCacheAccessContext context) {
        if (serialized != null && (loadedVersion != version || loadedInto != context.tokenCache())) {
            context.tokenCache().deserialize(serialized);
            loadedVersion = version;
            loadedInto = context.tokenCache();
        }
    }

    @Override
    public synchronized void afterCacheAccess(ITokenCacheAccessContext context) {
        if (context.hasCacheChanged()) {
            serialized = context.tokenCache().serialize();
            version++;
            loadedVersion = version;
            loadedInto = context.tokenCache();
        }
    }

    @Override
    public String toString() {
        return "TokenCacheSlot[" + (serialized == null ? "empty" : "filled") + "]";
    }
}
