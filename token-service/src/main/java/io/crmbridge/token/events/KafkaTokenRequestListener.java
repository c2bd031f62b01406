package io.crmbridge.token.events;

import java.util.OptionalLong;

import io.crmbridge.events.TokenRequest;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.topic.TopicFollower;
import io.crmbridge.token.refresh.RefreshingTokens;

/**
 * Hears the other services' token requests (a 401 seen with some grant generation). Every instance reads every
 * partition from where it stands at start-up, and the owner of the connection acts: a request is worth nothing
 * once its generation is replaced, so there is no backlog to read and no offset to keep.
 */
final class KafkaTokenRequestListener {

    private final RefreshingTokens tokens;
    private final KafkaSetup kafka;
    private volatile TopicFollower<TokenRequest> follower;

    KafkaTokenRequestListener(KafkaSetup kafka, RefreshingTokens tokens) {
        this.tokens = tokens;
        this.kafka = kafka;
    }

    /** Starts crm-client's follower, which reads on a thread of its own. */
    void start() {
        follower = TopicFollower.of(kafka.consumer(), kafka.<TokenRequest>deserializer())
                .topics(kafka.topics().tokenRequests().name())
                .from(TopicFollower.Start.END).named(kafka.instanceId() + "-token-requests")
                .onRecord(record -> {
                    if (record.value() != null) {
                        accept(record.value());
                    }
                }).start();
    }

    void stop() {
        TopicFollower<TokenRequest> started = follower;
        if (started != null) {
            started.close();
        }
    }

    private void accept(TokenRequest request) {
        Long generation = request.getGenerationSeen();
        tokens.tokenRequested(ConnectionId.of(request.getConnectionId()),
                generation == null ? OptionalLong.empty() : OptionalLong.of(generation));
    }
}
