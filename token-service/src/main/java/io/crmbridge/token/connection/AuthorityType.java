package io.crmbridge.token.connection;

import java.net.URI;

/** Which identity provider issues a connection's tokens. */
public enum AuthorityType {
    /** Microsoft Entra ID v2.0 ({@code https://login.microsoftonline.com/{tenant}/}), for Dataverse online. */
    ENTRA_ID,
    /** AD FS ({@code https://fs.contoso.com/adfs/}), for on-premises Dynamics. */
    ADFS;

    /** The type MSAL infers from the URL: a first path segment {@code adfs} means AD FS (identity.md §4.7). */
    public static AuthorityType of(URI authority) {
        String path = authority.getPath() == null ? "" : authority.getPath();
        return path.equals("/adfs") || path.startsWith("/adfs/") ? ADFS : ENTRA_ID;
    }
}
