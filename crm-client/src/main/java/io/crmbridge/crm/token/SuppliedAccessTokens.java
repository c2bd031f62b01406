package io.crmbridge.crm.token;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.crmbridge.crm.connection.ConnectionId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link AccessTokens#supplied}: one token per connection, replaced by a newer generation on each renewal. */
final class SuppliedAccessTokens implements AccessTokens {

    private final URI orgUrl;
    private final Function<ConnectionId, IssuedToken> issue;
    private final Map<ConnectionId, AccessToken> current = new ConcurrentHashMap<>();

    SuppliedAccessTokens(URI orgUrl, Function<ConnectionId, IssuedToken> issue) {
        this.orgUrl = orgUrl;
        this.issue = issue;
    }

    @Override
    public Mono<AccessToken> current(ConnectionId connection) {
        return Mono.fromCallable(() -> current.computeIfAbsent(connection, c -> issued(c, 1)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<AccessToken> renewed(ConnectionId connection, AccessToken rejected) {
        return Mono.fromCallable(() -> current.compute(connection, (c, held) ->
                        held != null && held.generation() > rejected.generation() ? held
                                : issued(c, rejected.generation() + 1)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private AccessToken issued(ConnectionId connection, long generation) {
        IssuedToken token = issue.apply(connection);
        return new AccessToken(connection, orgUrl, generation, token.expiresAt(), token.value());
    }
}
