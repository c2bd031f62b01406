package io.crmbridge.sandbox.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a request arrived, Entra ID at {@code /{segment}/} or AD FS at {@code /adfs/}, and the URLs that follow.
 *
 * @param realm   Entra ID or AD FS
 * @param segment the tenant as written in the path (GUID, domain, {@code common}, {@code organizations}); "adfs"
 * @param base    the sandbox's HTTPS base, e.g. {@code https://localhost:8443}
 */
record Authority(Realm realm, String segment, String base) {

    static Authority entra(String base, String segment) {
        return new Authority(Realm.ENTRA, segment, base);
    }

    static Authority adfs(String base) {
        return new Authority(Realm.ADFS, "adfs", base);
    }

    boolean isAdfs() {
        return realm == Realm.ADFS;
    }

    String authorizeEndpoint() {
        return isAdfs() ? base + "/adfs/oauth2/authorize" : base + "/" + segment + "/oauth2/v2.0/authorize";
    }

    String tokenEndpoint() {
        return tokenEndpoint(base, segment);
    }

    String deviceCodeEndpoint() {
        return isAdfs() ? base + "/adfs/oauth2/devicecode" : base + "/" + segment + "/oauth2/v2.0/devicecode";
    }

    /** The page a user opens to enter a device code (Entra: microsoft.com/devicelogin). */
    String verificationUri() {
        return isAdfs() ? base + "/adfs/oauth2/deviceauth" : base + "/devicelogin";
    }

    String jwksUri() {
        return isAdfs() ? base + "/adfs/discovery/keys" : base + "/" + segment + "/discovery/v2.0/keys";
    }

    /** The {@code iss} of id tokens: the v2.0 issuer of the tenant, or the AD FS instance. */
    String issuer(Tenant tenant) {
        return isAdfs() ? base + "/adfs" : base + "/" + tenant.id() + "/v2.0";
    }

    /**
     * The {@code aud} values a client assertion may carry: this token endpoint under any name of the tenant, v2.0
     * or v1, reached through the sandbox's base or the origin the client actually used.
     */
    Set<String> assertionAudiences(Tenant tenant, String requestOrigin) {
        Set<String> audiences = new LinkedHashSet<>();
        for (String origin : new LinkedHashSet<>(List.of(base, requestOrigin))) {
            if (isAdfs()) {
                audiences.add(origin + "/adfs/oauth2/token");
                continue;
            }
            for (String name : List.of(segment, tenant.id(), tenant.domain())) {
                audiences.add(tokenEndpoint(origin, name));
                audiences.add(origin + "/" + name + "/oauth2/token");
            }
        }
        return audiences;
    }

    private String tokenEndpoint(String origin, String name) {
        return isAdfs() ? origin + "/adfs/oauth2/token" : origin + "/" + name + "/oauth2/v2.0/token";
    }
}
