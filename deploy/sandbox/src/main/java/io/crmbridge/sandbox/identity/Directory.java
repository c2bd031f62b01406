package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Users, app registrations, per-user sign-in policies and known resources of the sandbox's tenant and AD FS. */
final class Directory {

    /** The sandbox's Dataverse orgs: {@code https://host:port/org/{org}}. */
    private static final Pattern ORG_PATH = Pattern.compile("/org/[^/]+");

    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
    private final Map<String, UserPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, AppRegistration> clients = new ConcurrentHashMap<>();
    private final Set<String> resources = ConcurrentHashMap.newKeySet();

    Directory() {
        resources.add(Scopes.GRAPH);
    }

    void add(DirectoryUser user) {
        users.put(key(user.username()), user);
    }

    void add(AppRegistration client) {
        clients.put(client.clientId(), client);
    }

    void addResource(String audience) {
        resources.add(Scopes.trimTrailingSlash(audience));
    }

    Optional<DirectoryUser> user(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(users.get(key(username)));
    }

    /** The client registered as {@code clientId} in {@code realm}; a client of the other realm is unknown here. */
    Optional<AppRegistration> client(String clientId, Realm realm) {
        return Optional.ofNullable(clientId).map(clients::get).filter(client -> client.realm() == realm);
    }

    Optional<AppRegistration> client(String clientId) {
        return Optional.ofNullable(clientId).map(clients::get);
    }

    boolean expireSecrets(String clientId, Instant at) {
        return clients.computeIfPresent(clientId, (id, client) -> client.withSecretsExpiringAt(at)) != null;
    }

    UserPolicy policy(DirectoryUser user) {
        return policies.getOrDefault(key(user.username()), UserPolicy.NONE);
    }

    void updatePolicy(String username, UnaryOperator<UserPolicy> change) {
        DirectoryUser user = user(username).orElseThrow(() -> new IllegalArgumentException("unknown user"));
        policies.compute(key(user.username()), (k, old) -> change.apply(old == null ? UserPolicy.NONE : old));
    }

    /** Whether {@code audience} names a resource of this tenant: a sandbox org or a registered resource. */
    boolean knowsResource(String audience) {
        String trimmed = Scopes.trimTrailingSlash(audience);
        if (resources.contains(trimmed)) {
            return true;
        }
        try {
            URI uri = URI.create(trimmed);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getPath() != null
                    && ORG_PATH.matcher(uri.getPath()).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
