package io.crmbridge.token.refresh;

import io.crmbridge.crm.connection.ConnectionId;

/** Hears how each attempt ended, for metrics (port). */
public interface RefreshOutcomes {

    void succeeded(ConnectionId id);

    void failed(ConnectionId id, RefreshFailure failure);

    RefreshOutcomes NONE = new RefreshOutcomes() {
        @Override
        public void succeeded(ConnectionId id) {
        }

        @Override
        public void failed(ConnectionId id, RefreshFailure failure) {
        }
    };
}
