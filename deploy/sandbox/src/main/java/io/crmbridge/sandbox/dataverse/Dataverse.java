package io.crmbridge.sandbox.dataverse;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.crmbridge.sandbox.SandboxClock;
import io.crmbridge.sandbox.identity.AccessTokens;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Dataverse Web API v9.2 for the sandbox's orgs ({@code {httpsBase}/org/{org}/api/data/v9.2/...}), following
 * shared/reference/dataverse-webapi.md. Seeded with the org {@code contoso}; more orgs through
 * {@link #createOrg(String)} or the admin API ({@link #adminRoutes()}).
 */
public final class Dataverse {

    public static final String SEEDED_ORG = "contoso";
    private static final Pattern ORG_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final DataverseSettings settings;
    private final SandboxClock clock;
    private final AccessTokens tokens;
    private final URI base;
    private final Schema schema = StandardTables.schema();
    private final Map<String, Org> orgs = new ConcurrentHashMap<>();

    public Dataverse(DataverseSettings settings, SandboxClock clock, AccessTokens tokens, URI httpsBase) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = tokens;
        this.base = httpsBase;
        createOrg(SEEDED_ORG);
    }

    /** The org with this name, created (empty) if absent. */
    public Org org(String name) {
        Org org = orgs.get(name);
        return org != null ? org : createOrg(name);
    }

    /** Creates an org (lower-case letters, digits and dashes); returns the existing one if the name is taken. */
    public Org createOrg(String name) {
        return createOrg(name, settings);
    }

    /**
     * Creates an org that behaves as {@code orgSettings} say (e.g. another {@link TrackingBehaviour}, to run a client
     * against each behaviour the reference leaves open); returns the existing one if the name is taken.
     */
    public Org createOrg(String name, DataverseSettings orgSettings) {
        if (!ORG_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("org names are lower-case letters, digits and dashes: " + name);
        }
        return orgs.computeIfAbsent(name, n -> new Org(n, base + "/org/" + n, schema, clock, orgSettings));
    }

    public Collection<Org> orgs() {
        return List.copyOf(orgs.values());
    }

    public DataverseSettings settings() {
        return settings;
    }

    /** The Web API of every org. */
    public RouterFunction<ServerResponse> routes() {
        return new DataverseHttp(this, tokens, settings, base).routes();
    }

    /** The admin API under {@code /admin/dataverse/...}; mounted by the sandbox's admin module. */
    public RouterFunction<ServerResponse> adminRoutes() {
        return new DataverseAdmin(this).routes();
    }

    Org existingOrg(String name) {
        return orgs.get(name);
    }
}
