package io.crmbridge.action.dataverse;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.webapi.DataverseConnection;
import io.crmbridge.crm.webapi.DataverseWebApi;
import reactor.core.publisher.Mono;

/**
 * The Web API of a connection id: its org URL comes with its token (the grant names the environment it is valid
 * for), so a connection without a token within the wait has no Web API either.
 */
final class OrgConnections {

    private final DataverseWebApi api;
    private final AccessTokens tokens;
    private final Duration tokenWait;

    OrgConnections(DataverseWebApi api, AccessTokens tokens, Duration tokenWait) {
        this.api = api;
        this.tokens = tokens;
        this.tokenWait = tokenWait;
    }

    /** The connection's Web API, or empty when it has no token within the wait. */
    Mono<DataverseConnection> of(ConnectionId connection) {
        return tokens.current(connection).timeout(tokenWait)
                .map(token -> api.connection(connection, token.orgUrl()))
                .onErrorResume(TimeoutException.class, noToken -> Mono.empty());
    }

    Duration tokenWait() {
        return tokenWait;
    }
}
