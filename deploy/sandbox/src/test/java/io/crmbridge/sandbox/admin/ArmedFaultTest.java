package io.crmbridge.sandbox.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArmedFaultTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Fault UNAVAILABLE = new Fault.Status(503);

    @Test
    void takesEveryMatchingRequestByDefault() {
        ArmedFault fault = new ArmedFault(1, FaultRule.of(UNAVAILABLE), NOW);

        assertThat(IntStream.range(0, 100).filter(i -> fault.takes("/org/a", NOW)).count()).isEqualTo(100);
    }

    @Test
    void takesOnlyPathsStartingWithItsPrefix() {
        ArmedFault fault = new ArmedFault(1, FaultRule.of(UNAVAILABLE).onPathsStartingWith("/org/a/"), NOW);

        assertThat(fault.takes("/org/a/api/data/v9.2/accounts", NOW)).isTrue();
        assertThat(fault.takes("/org/b/api/data/v9.2/accounts", NOW)).isFalse();
        assertThat(fault.takes("/adfs/oauth2/token", NOW)).isFalse();
    }

    @Test
    void takesAboutItsShareOfRequests() {
        ArmedFault fault = new ArmedFault(1, FaultRule.of(UNAVAILABLE).share(0.25), NOW);

        long taken = IntStream.range(0, 4000).filter(i -> fault.takes("/org/a", NOW)).count();

        // Binomial(4000, 0.25): mean 1000, standard deviation 27; 800..1200 is more than 7 deviations wide.
        assertThat(taken).isBetween(800L, 1200L);
    }

    @Test
    void takesEveryNthRequestExactly() {
        ArmedFault fault = new ArmedFault(1, FaultRule.of(UNAVAILABLE).everyNth(4), NOW);

        assertThat(LongStream.rangeClosed(1, 12).filter(i -> fault.takes("/org/a", NOW)))
                .containsExactly(4L, 8L, 12L);
    }

    @Test
    void stopsAfterItsLimitEvenUnderConcurrentRequests() {
        ArmedFault fault = new ArmedFault(1, FaultRule.of(UNAVAILABLE).times(50), NOW);

        long taken = IntStream.range(0, 10_000).parallel().filter(i -> fault.takes("/org/a", NOW)).count();

        assertThat(taken).isEqualTo(50);
        assertThat(fault.injected()).isEqualTo(50);
        assertThat(fault.remaining()).hasValue(0);
        assertThat(fault.live(NOW)).isFalse();
    }

    @Test
    void stopsWhenItsDurationHasPassed() {
        ArmedFault fault = new ArmedFault(1, FaultRule.of(UNAVAILABLE).lasting(Duration.ofMinutes(5)), NOW);

        assertThat(fault.takes("/org/a", NOW.plusSeconds(299))).isTrue();
        assertThat(fault.takes("/org/a", NOW.plusSeconds(300))).isFalse();
        assertThat(fault.expiresAt()).hasValue(NOW.plusSeconds(300));
    }

    @Test
    void refusesRulesThatCouldNeverWork() {
        assertThatThrownBy(() -> FaultRule.of(UNAVAILABLE).share(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.of(UNAVAILABLE).everyNth(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.of(UNAVAILABLE).times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault.Status(302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault.Latency(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
