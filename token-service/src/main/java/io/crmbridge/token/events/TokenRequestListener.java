package io.crmbridge.token.events;

import java.util.OptionalLong;

import io.crmbridge.events.TokenRequest;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.refresh.RefreshingTokens;

/**
 * Hears the other services' token requests (a 401 seen with some grant generation). Every instance reads every
 * partition from where it stands at start-up, and the owner of the connection acts: a request is worth nothing
 * once its generation is replaced, so there is no backlog to read and no offset to keep.
 */
final class TokenRequestListener implements Runnable {

    private final RefreshingTokens tokens;
    private final TopicFollower<TokenRequest> follower;

    TokenRequestListener(KafkaSetup kafka, RefreshingTokens tokens) {
        this.tokens = tokens;
        this.follower = new TopicFollower<>(kafka, "token-requests", kafka.topics().tokenRequests().name(),
                TopicFollower.Start.END, this::accept);
    }

    @Override
    public void run() {
        follower.run();
    }

    void stop() {
        follower.stop();
    }

    private void accept(TokenRequest request) {
        Long generation = request.getGenerationSeen();
        tokens.tokenRequested(ConnectionId.of(request.getConnectionId()),
                generation == null ? OptionalLong.empty() : OptionalLong.of(generation));
    }
}
