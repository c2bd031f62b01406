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
        states.tokenExpired(CONTOSO);
        states.defined(CONTOSO, ORG, true);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.TOKEN_EXPIRED);

        states.resumed(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void remembersATokenExpiredThatArrivesBeforeTheDefinition() {
        states.tokenExpired(CONTOSO);
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
        states.pollOnlyGranted(grants::contains);
        states.defined(CONTOSO, ORG, true);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.AWAITING_GRANT);
        assertThat(states.status(CONTOSO).pollable()).isFalse();

        grants.add(CONTOSO);
        states.resumed(CONTOSO);

        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(heard).containsExactly(CONTOSO, CONTOSO);
    }

    @Test
    void keepsAPauseOverAGrantReadAtStartUp() {
        states.pollOnlyGranted(Set.of(CONTOSO)::contains);
        states.tokenExpired(CONTOSO);
        states.defined(CONTOSO, ORG, true);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.TOKEN_EXPIRED);

        states.resumed(CONTOSO);
        assertThat(states.status(CONTOSO)).isEqualTo(ConnectionStatus.ACTIVE);
    }
}
