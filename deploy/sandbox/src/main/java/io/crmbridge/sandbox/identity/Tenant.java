package io.crmbridge.sandbox.identity;

/** The sandbox's one Entra tenant and the names it answers to in a URL path. */
record Tenant(String id, String domain, String displayName) {

    static final Tenant SEEDED = new Tenant(IdentitySeeds.TENANT_ID, IdentitySeeds.TENANT_DOMAIN,
            IdentitySeeds.TENANT_NAME);

    /** Whether {@code segment} ({@code /{segment}/oauth2/v2.0/...}) reaches this tenant. */
    boolean answersTo(String segment) {
        return id.equalsIgnoreCase(segment) || domain.equalsIgnoreCase(segment) || isMultiTenant(segment);
    }

    /**
     * {@code common} and {@code organizations} resolve the tenant from the signed-in user; app-only grants need a
     * named tenant there. {@code consumers} (personal accounts) does not reach a work tenant.
     */
    static boolean isMultiTenant(String segment) {
        return "common".equalsIgnoreCase(segment) || "organizations".equalsIgnoreCase(segment);
    }
}
