package io.crmbridge.sandbox.identity;

/**
 * {@code grant_type=client_credentials}: a confidential client gets an app-only token for exactly one resource,
 * asked for as {@code <resource>/.default} (AADSTS1002012 otherwise); not on {@code /common} (AADSTS9001023). AD FS
 * also takes the ADAL-style {@code resource} parameter.
 */
final class ClientCredentialsGrant implements TokenGrant {

    private final Audiences audiences;
    private final TokenIssuer issuer;

    ClientCredentialsGrant(Audiences audiences, TokenIssuer issuer) {
        this.audiences = audiences;
        this.issuer = issuer;
    }

    @Override
    public TokenOutcome redeem(TokenRequest request, AppRegistration client) {
        Authority authority = request.authority();
        if (!client.confidential()) {
            return refused(EntraErrors.missingClientCredential());
        }
        if (!authority.isAdfs() && "common".equalsIgnoreCase(authority.segment())) {
            return refused(EntraErrors.grantNotOnCommon());
        }
        Scopes scopes = request.scopes();
        String scope = request.param("scope") == null ? "" : request.param("scope");
        if (!authority.isAdfs() && (scopes.resourceScopes().isEmpty() || scopes.audiences().size() > 1)) {
            return refused(EntraErrors.invalidScope(scope));
        }
        if (!authority.isAdfs() && !scopes.allDefault()) {
            return refused(EntraErrors.clientCredentialsNeedDefault(scope));
        }
        Checked<String> audience = audiences.single(scopes, authority);
        return audience.isRefused() ? refused(audience.error())
                : new TokenOutcome.Issued(issuer.appOnly(client, audience.value()));
    }

    private static TokenOutcome refused(OAuthError error) {
        return new TokenOutcome.Refused(error);
    }
}
