package io.crmbridge.token.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.refresh.ConnectionStatus;
import io.crmbridge.token.refresh.RefreshFailure;
import io.crmbridge.token.refresh.RefreshOutcomes;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Per-connection metrics of the connections this instance owns: state (one series per state, 1 for the current),
 * seconds until the access token expires, refreshes, and failures by reason and kind. Gauges are re-read from the
 * owned connections by {@link #update()}, so connections that moved to another instance drop out.
 */
final class RefreshMetrics implements RefreshOutcomes {

    private final MeterRegistry registry;
    private final Clock clock;
    private final MultiGauge states;
    private final MultiGauge expiries;
    private volatile RefreshingTokens tokens;

    RefreshMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.states = MultiGauge.builder("crmbridge.token.connection.state")
                .description("1 for the state each owned connection is in").register(registry);
        this.expiries = MultiGauge.builder("crmbridge.token.access_token.expires_in").baseUnit("seconds")
                .description("Seconds until the current access token expires (negative: expired)").register(registry);
    }

    void watch(RefreshingTokens refreshing) {
        this.tokens = refreshing;
    }

    @Override
    public void succeeded(ConnectionId id) {
        Counter.builder("crmbridge.token.refreshes").description("Tokens obtained (refreshes and sign-ins)")
                .tag("connection", id.value()).register(registry).increment();
    }

    @Override
    public void failed(ConnectionId id, RefreshFailure failure) {
        Counter.builder("crmbridge.token.refresh.failures").description("Failed token requests by reason")
                .tags("connection", id.value(), "reason", failure.reasonCode(), "kind", failure.kind().name())
                .register(registry).increment();
    }

    void update() {
        RefreshingTokens current = tokens;
        if (current == null) {
            return;
        }
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        List<MultiGauge.Row<?>> expiryRows = new ArrayList<>();
        for (ConnectionStatus status : current.statuses()) {
            String id = status.connection().id().value();
            for (ConnectionState state : ConnectionState.values()) {
                stateRows.add(MultiGauge.Row.of(Tags.of("connection", id, "state", state.name()),
                        status.state() == state ? 1 : 0));
            }
            status.accessTokenExpiresAt().ifPresent(at -> expiryRows.add(MultiGauge.Row.of(
                    Tags.of("connection", id), Duration.between(clock.instant(), at).toSeconds())));
        }
        states.register(stateRows, true);
        expiries.register(expiryRows, true);
    }
}
