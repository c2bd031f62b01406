package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.crmbridge.token.connection.ConnectionAdministration.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAdministrationTest {

    private final InMemoryConnections connections = new InMemoryConnections();
    private final Connection configured = ConnectionFixtures.clientCredentials("from-yaml");
    private final ConnectionAdministration admin = new ConnectionAdministration(connections, List.of(configured),
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void createsAValidDefinitionOnceAndRefusesADuplicate() {
        assertThat(admin.create(ConnectionFixtures.draft())).isInstanceOf(Outcome.Done.class);
        assertThat(connections.find(ConnectionId.of("contoso-prod"))).isPresent();

        assertThat(admin.create(ConnectionFixtures.draft())).isInstanceOf(Outcome.Conflict.class);
    }

    @Test
    void refusesAnInvalidDefinitionWithItsProblems() {
        ConnectionDraft draft = ConnectionFixtures.draft();
        Outcome outcome = admin.create(new ConnectionDraft(draft.id(), null, "not a url", draft.authority(), null,
                draft.authKind(), draft.clientId(), null, draft.clientSecret(), null, null, null, null));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problems()).containsExactly("orgUrl is not a valid URL"));
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void publishesConfiguredDefinitionsOnlyWhenTheyDiffer() {
        admin.publishConfigured(List.of(configured));
        Connection published = connections.find(configured.id()).orElseThrow();

        admin.publishConfigured(List.of(new Connection(configured.id(), configured.displayName(), configured.orgUrl(),
                configured.authority(), configured.authorityType(), configured.clientId(), configured.authKind(),
                configured.scopes(), configured.credential(), true, Instant.now())));

        assertThat(connections.find(configured.id())).containsSame(published);
    }

    @Test
    void leavesConfiguredDefinitionsToTheConfiguration() {
        admin.publishConfigured(List.of(configured));

        assertThat(admin.disable(configured.id())).isInstanceOf(Outcome.Conflict.class);
        assertThat(admin.delete(configured.id())).isInstanceOf(Outcome.Conflict.class);
        assertThat(connections.find(configured.id()).orElseThrow().enabled()).isTrue();
    }

    @Test
    void updatesDisablesAndDeletesWhatTheApiCreated() {
        admin.create(ConnectionFixtures.draft());
        ConnectionId id = ConnectionId.of("contoso-prod");
        ConnectionDraft d = ConnectionFixtures.draft();

        Outcome updated = admin.update(id, new ConnectionDraft(null, "Renamed", d.orgUrl(), d.authority(), null,
                d.authKind(), d.clientId(), null, "file:/run/secrets/contoso", null, null, null, null));
        assertThat(updated).isInstanceOf(Outcome.Done.class);
        assertThat(connections.find(id).orElseThrow().displayName()).isEqualTo("Renamed");

        admin.disable(id);
        assertThat(connections.find(id).orElseThrow().enabled()).isFalse();
        assertThat(admin.delete(id)).isInstanceOf(Outcome.Done.class);
        assertThat(admin.delete(id)).isInstanceOf(Outcome.NotFound.class);
    }

    @Test
    void refusesAnUpdateWhoseBodyNamesAnotherConnection() {
        admin.create(ConnectionFixtures.draft());

        assertThat(admin.update(ConnectionId.of("contoso-prod"), new ConnectionDraft("other", null, null, null, null,
                null, null, null, null, null, null, null, null))).isInstanceOf(Outcome.Refused.class);
    }
}
