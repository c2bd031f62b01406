package io.crmbridge.action.holding;

import java.util.HashSet;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionHoldsTest {

    private static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    private final ConnectionHolds holds = new ConnectionHolds();

    @Test
    void holdsAConnectionFromTokenExpiredUntilReconnected() {
        holds.availability().tokenExpired(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isTrue();

        holds.availability().tokenWorks(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isFalse();
    }

    @Test
    void aNewerTokenReleasesARefusedTokenButNotTheTokenServicesVerdict() {
        holds.tokenRefused(CONTOSO);
        holds.availability().grantArrived(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isFalse();

        holds.availability().tokenExpired(CONTOSO);
        holds.tokenRefused(CONTOSO);
        holds.availability().grantArrived(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isTrue();
    }

    @Test
    void holdsAConnectionThatNeverHadAGrantUntilItsFirstOne() {
        Set<ConnectionId> grants = new HashSet<>();
        holds.availability().requireGrants(grants::contains);
        assertThat(holds.isHeld(CONTOSO)).isTrue();
        assertThat(holds.held()).isEmpty();

        holds.availability().tokenWorks(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isTrue();

        grants.add(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isFalse();
        assertThat(holds.isHeld(ConnectionId.of("fabrikam"))).isTrue();
    }

    @Test
    void aGrantReadAtStartUpDoesNotEndTheTokenServicesVerdict() {
        holds.availability().requireGrants(Set.of(CONTOSO)::contains);
        holds.availability().tokenExpired(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isTrue();

        holds.availability().tokenWorks(CONTOSO);
        assertThat(holds.isHeld(CONTOSO)).isFalse();
    }
}
