package io.crmbridge.token.operations;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.refresh.LastKnownStatuses;
import io.crmbridge.token.refresh.RefreshingTokens;

/** How a connection stands, as the page and the API show it: the owner's own view here, else its last event. */
final class Statuses {

    private final RefreshingTokens tokens;
    private final LastKnownStatuses reported;

    Statuses(RefreshingTokens tokens, LastKnownStatuses reported) {
        this.tokens = tokens;
        this.reported = reported;
    }

    ConnectionView.Status of(ConnectionId id) {
        return tokens.status(id).map(s -> ConnectionView.Status.owned(s))
                .or(() -> reported.of(id).map(ConnectionView.Status::reported)).orElse(null);
    }
}
