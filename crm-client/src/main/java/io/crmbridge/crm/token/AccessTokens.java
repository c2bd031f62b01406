package io.crmbridge.crm.token;

import java.net.URI;
import java.util.function.Function;

import io.crmbridge.crm.connection.ConnectionId;
import reactor.core.publisher.Mono;

/**
 * Where the Dataverse Web API client gets bearer tokens (port). In the services this is {@link AccessTokenGrants},
 * which follows the token-service's grants on Kafka; tests pass {@link #supplied} with a sandbox token.
 */
public interface AccessTokens {

    /** The connection's current token; waits for the first one when none is known yet (callers add a timeout). */
    Mono<AccessToken> current(ConnectionId connection);

    /**
     * Dataverse answered 401 to {@code rejected}: get a token of a newer generation. Implementations report the
     * rejection (once per generation is enough) and complete when a newer token is known; callers add a timeout.
     */
    Mono<AccessToken> renewed(ConnectionId connection, AccessToken rejected);

    /**
     * Tokens made by {@code issue} for the org at {@code orgUrl}: the first call to {@link #current} issues
     * generation 1, every {@link #renewed} issues the next generation. For tests and tools that hold a token source
     * of their own (e.g. {@code conn -> sandbox.appAccessToken(orgUrl)}).
     */
    static AccessTokens supplied(URI orgUrl, Function<ConnectionId, IssuedToken> issue) {
        return new SuppliedAccessTokens(orgUrl, issue);
    }

    /** A token as an issuer hands it out: the bearer value and when it expires. */
    record IssuedToken(String value, java.time.Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + ", value=(redacted)]";
        }
    }
}
