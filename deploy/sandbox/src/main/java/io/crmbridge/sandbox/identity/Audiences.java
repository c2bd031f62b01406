package io.crmbridge.sandbox.identity;

import java.util.List;

/**
 * Picks the one resource an access token is for and refuses resources the tenant does not know (AADSTS500011;
 * AD FS MSIS9602). Without any resource scope Entra issues a Microsoft Graph token, AD FS refuses (MSIS9601).
 */
final class Audiences {

    private final Directory directory;
    private final Tenant tenant;

    Audiences(Directory directory, Tenant tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    /** Code and device code redemption: one resource only (AADSTS28000 otherwise). */
    Checked<String> single(Scopes scopes, Authority authority) {
        if (scopes.audiences().size() > 1) {
            return Checked.refused(EntraErrors.severalResources(scopes.wire()));
        }
        return first(scopes, authority);
    }

    /** Refresh: with several resources the token is for the first one (shared/reference/identity.md §1.3). */
    Checked<String> first(Scopes scopes, Authority authority) {
        List<String> audiences = scopes.audiences();
        if (audiences.isEmpty()) {
            return authority.isAdfs()
                    ? Checked.refused(AdfsErrors.missingResource()) : Checked.ok(Scopes.GRAPH);
        }
        String audience = audiences.get(0);
        if (!directory.knowsResource(audience)) {
            return Checked.refused(authority.isAdfs()
                    ? AdfsErrors.unknownResource() : EntraErrors.unknownResource(audience, tenant));
        }
        return Checked.ok(audience);
    }
}
