package io.crmbridge.token.connection;

import org.junit.jupiter.api.Test;

import static io.crmbridge.token.connection.ConnectionState.ACTIVE;
import static io.crmbridge.token.connection.ConnectionState.DEGRADED;
import static io.crmbridge.token.connection.ConnectionState.DISABLED;
import static io.crmbridge.token.connection.ConnectionState.EXPIRED;
import static io.crmbridge.token.connection.ConnectionState.PENDING_CONSENT;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionStateTest {

    @Test
    void followsPendingActiveDegradedExpiredAndBack() {
        assertThat(PENDING_CONSENT.canBecome(ACTIVE)).isTrue();
        assertThat(ACTIVE.canBecome(DEGRADED)).isTrue();
        assertThat(DEGRADED.canBecome(ACTIVE)).isTrue();
        assertThat(DEGRADED.canBecome(EXPIRED)).isTrue();
        assertThat(EXPIRED.canBecome(ACTIVE)).isTrue();
    }

    @Test
    void anyStateCanBeDisabledAndADisabledOneOnlyStartsOver() {
        for (ConnectionState state : ConnectionState.values()) {
            assertThat(state.canBecome(DISABLED)).as(state.name()).isTrue();
        }
        assertThat(DISABLED.canBecome(PENDING_CONSENT)).isTrue();
        assertThat(DISABLED.canBecome(ACTIVE)).isFalse();
    }

    @Test
    void aConnectionThatNeverHadATokenCannotDegradeAndAnExpiredOneDoesNotDegradeEither() {
        assertThat(PENDING_CONSENT.canBecome(DEGRADED)).isFalse();
        assertThat(EXPIRED.canBecome(DEGRADED)).isFalse();
    }

    @Test
    void onlyActiveAndDegradedConnectionsIssueTokens() {
        assertThat(ACTIVE.issuing()).isTrue();
        assertThat(DEGRADED.issuing()).isTrue();
        assertThat(EXPIRED.issuing()).isFalse();
        assertThat(PENDING_CONSENT.issuing()).isFalse();
    }
}
