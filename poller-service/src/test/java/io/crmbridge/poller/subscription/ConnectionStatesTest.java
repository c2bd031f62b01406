package io.crmbridge.poller.subscription;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.crmbridge.crm.connection.ConnectionId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionStatesTest {

    private static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    private static final URI ORG = URI.create("https://contoso.crm4.dynamics.com");
    private final ConnectionStates states = new ConnectionStates();

    @Test
    void pollsAConnectionOnlyOnceItIsDefinedAndEnabled() {
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.UNKNOWN);
        states.defined(CONTOSO, ORG, false);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.DISABLED);
        states.defined(CONTOSO, ORG, true);
        assertThat(states.status(CONTOSO).pollable()).isTrue();
        assertThat(states.orgUrl(CONTOSO)).contains(ORG);
    }

    @Test
    void pausesOnTokenExpiredUntilResumedAndKeepsThePauseAcrossANewDefinition() {
        states.defined(CONTOSO, ORG, true);
        states.availability().tokenExpired(CONTOSO);
        states.defined(CONTOSO, ORG, true);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.TOKEN_EXPIRED);

        states.availability().tokenWorks(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void remembersATokenExpiredThatArrivesBeforeTheDefinition() {
        states.availability().tokenExpired(CONTOSO);
        states.defined(CONTOSO, ORG, true);

        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.TOKEN_EXPIRED);
    }

    @Test
    void tellsListenersAboutEveryChange() {
        List<ConnectionId> heard = new ArrayList<>();
        states.onChange(heard::add);
        states.defined(CONTOSO, ORG, true);
        states.unauthorized(CONTOSO);

        assertThat(heard).containsExactly(CONTOSO, CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.UNAUTHORIZED);
    }

    @Test
    void awaitsTheFirstGrantWhenOnlyGrantedConnectionsArePolled() {
        List<ConnectionId> heard = new ArrayList<>();
        states.onChange(heard::add);
        Set<ConnectionId> grants = new HashSet<>();
        states.availability().requireGrants(grants::contains);
        states.defined(CONTOSO, ORG, true);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.AWAITING_GRANT);
        assertThat(states.status(CONTOSO).pollable()).isFalse();

        grants.add(CONTOSO);
        states.availability().grantArrived(CONTOSO);

        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(heard).containsExactly(CONTOSO, CONTOSO);
    }

    @Test
    void keepsATokenExpiredPauseOverAGrantUntilTheTokenServiceSaysTokensWork() {
        states.availability().requireGrants(Set.of(CONTOSO)::contains);
        states.availability().tokenExpired(CONTOSO);
        states.defined(CONTOSO, ORG, true);
        states.availability().grantArrived(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.TOKEN_EXPIRED);

        states.availability().tokenWorks(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void pausesADisconnectedOrDeletedConnectionAndSaysWhy() {
        states.defined(CONTOSO, ORG, true);
        states.availability().disconnected(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.DISCONNECTED);
        states.availability().tokenWorks(CONTOSO);
        states.availability().deleted(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.DELETED);
        assertThat(states.status(CONTOSO).pollable()).isFalse();
    }
}
