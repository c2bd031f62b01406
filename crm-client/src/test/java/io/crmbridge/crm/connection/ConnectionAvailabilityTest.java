package io.crmbridge.crm.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision table of {@link ConnectionAvailability}, case by case. */
class ConnectionAvailabilityTest {

    private static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    private static final Availability PAUSED_EXPIRED = new Availability.Paused(PauseReason.TOKEN_EXPIRED);
    private static final Availability PAUSED_DISCONNECTED = new Availability.Paused(PauseReason.DISCONNECTED);
    private static final Availability PAUSED_REFUSED = new Availability.Paused(PauseReason.TOKEN_REFUSED);

    private record Step(String name, BiConsumer<ConnectionAvailability, ConnectionId> input) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Step ENABLED = new Step("defined enabled", (a, c) -> a.defined(c, true));
    private static final Step DISABLED = new Step("defined disabled", (a, c) -> a.defined(c, false));
    private static final Step DELETED = new Step("deleted", ConnectionAvailability::deleted);
    private static final Step EXPIRED = new Step("TOKEN_EXPIRED", ConnectionAvailability::tokenExpired);
    private static final Step DISCONNECT = new Step("DISCONNECTED", ConnectionAvailability::disconnected);
    private static final Step WORKS = new Step("RECONNECTED/CONNECTED/TOKEN_REFRESHED",
            ConnectionAvailability::tokenWorks);
    private static final Step REFUSED = new Step("token refused", ConnectionAvailability::tokenRefused);
    private static final Step GRANT = new Step("newer grant", ConnectionAvailability::grantArrived);

    static Stream<Arguments> definedConnections() {
        return Stream.of(
                Arguments.of(List.of(), Availability.UNKNOWN),
                Arguments.of(List.of(EXPIRED), Availability.UNKNOWN),
                Arguments.of(List.of(ENABLED), Availability.USABLE),
                Arguments.of(List.of(DISABLED), new Availability.Paused(PauseReason.DISABLED)),
                Arguments.of(List.of(DISABLED, ENABLED), Availability.USABLE),
                Arguments.of(List.of(ENABLED, DELETED), new Availability.Paused(PauseReason.DELETED)),
                Arguments.of(List.of(ENABLED, DELETED, ENABLED), Availability.USABLE),
                Arguments.of(List.of(ENABLED, EXPIRED), PAUSED_EXPIRED),
                Arguments.of(List.of(EXPIRED, ENABLED), PAUSED_EXPIRED),
                Arguments.of(List.of(ENABLED, EXPIRED, DISABLED), new Availability.Paused(PauseReason.DISABLED)),
                Arguments.of(List.of(ENABLED, EXPIRED, DISABLED, ENABLED), PAUSED_EXPIRED),
                Arguments.of(List.of(ENABLED, EXPIRED, WORKS), Availability.USABLE),
                Arguments.of(List.of(ENABLED, EXPIRED, GRANT), PAUSED_EXPIRED),
                Arguments.of(List.of(ENABLED, DISCONNECT), PAUSED_DISCONNECTED),
                Arguments.of(List.of(ENABLED, DISCONNECT, GRANT), PAUSED_DISCONNECTED),
                Arguments.of(List.of(ENABLED, DISCONNECT, WORKS), Availability.USABLE),
                Arguments.of(List.of(ENABLED, REFUSED), PAUSED_REFUSED),
                Arguments.of(List.of(ENABLED, REFUSED, GRANT), Availability.USABLE),
                Arguments.of(List.of(ENABLED, REFUSED, WORKS), Availability.USABLE),
                Arguments.of(List.of(ENABLED, EXPIRED, REFUSED), PAUSED_EXPIRED),
                Arguments.of(List.of(ENABLED, REFUSED, EXPIRED), PAUSED_EXPIRED),
                Arguments.of(List.of(ENABLED, REFUSED, DISCONNECT, GRANT), PAUSED_DISCONNECTED),
                Arguments.of(List.of(ENABLED, GRANT), Availability.USABLE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("definedConnections")
    void decidesEachSequenceOfInputsForAReaderOfDefinitions(List<Step> steps, Availability expected) {
        ConnectionAvailability availability = ConnectionAvailability.ofDefinedConnections();
        steps.forEach(step -> step.input().accept(availability, CONTOSO));
        assertThat(availability.of(CONTOSO)).isEqualTo(expected);
    }

    @Test
    void countsEveryConnectionAsDefinedWhereDefinitionsAreNotFollowed() {
        ConnectionAvailability availability = ConnectionAvailability.ofAnyConnection();
        assertThat(availability.of(CONTOSO)).isEqualTo(Availability.USABLE);
        availability.disconnected(CONTOSO);
        assertThat(availability.of(CONTOSO)).isEqualTo(PAUSED_DISCONNECTED);
        availability.tokenWorks(CONTOSO);
        assertThat(availability.of(CONTOSO).usable()).isTrue();
    }

    @Test
    void awaitsTheFirstGrantWhereTokensComeFromGrants() {
        Set<ConnectionId> granted = new java.util.HashSet<>();
        ConnectionAvailability availability = ConnectionAvailability.ofDefinedConnections();
        availability.defined(CONTOSO, true);
        availability.requireGrants(granted::contains);
        assertThat(availability.of(CONTOSO)).isEqualTo(Availability.AWAITING_FIRST_GRANT);

        granted.add(CONTOSO);
        availability.grantArrived(CONTOSO);

        assertThat(availability.of(CONTOSO)).isEqualTo(Availability.USABLE);
    }

    @Test
    void aPauseOutranksAMissingGrantAndAMissingDefinitionOutranksBoth() {
        ConnectionAvailability availability = ConnectionAvailability.ofDefinedConnections();
        availability.requireGrants(connection -> false);
        availability.tokenExpired(CONTOSO);
        assertThat(availability.of(CONTOSO)).isEqualTo(Availability.UNKNOWN);
        availability.defined(CONTOSO, true);
        assertThat(availability.of(CONTOSO)).isEqualTo(PAUSED_EXPIRED);
    }

    @Test
    void listsTheConnectionsPausedForTheirTokenOnly() {
        ConnectionAvailability availability = ConnectionAvailability.ofAnyConnection();
        ConnectionId fabrikam = ConnectionId.of("fabrikam");
        ConnectionId litware = ConnectionId.of("litware");
        availability.tokenExpired(CONTOSO);
        availability.tokenRefused(fabrikam);
        availability.defined(litware, false);
        assertThat(availability.pausedForToken()).containsExactlyInAnyOrder(CONTOSO, fabrikam);
    }

    @Test
    void tellsListenersAboutEveryInputAndEveryConnectionWhenGrantsBecomeRequired() {
        ConnectionAvailability availability = ConnectionAvailability.ofDefinedConnections();
        List<ConnectionId> heard = new ArrayList<>();
        availability.onChange(heard::add);
        availability.defined(CONTOSO, true);
        availability.tokenExpired(CONTOSO);
        availability.requireGrants(connection -> true);
        assertThat(heard).containsExactly(CONTOSO, CONTOSO, CONTOSO);
    }
}
