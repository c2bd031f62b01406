package io.crmbridge.crm.governor;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The governor's arithmetic on a made-up clock (nanoseconds). */
class PaceTest {

    private static final long SECOND = 1_000_000_000L;
    private static final GovernorSettings SETTINGS = new GovernorSettings(4, 10, 0.5, 100, 1, 0.5,
            Duration.ofMillis(500));

    @Test
    void admitsAtTheConfiguredRateAndNoFaster() {
        Pace pace = new Pace(SETTINGS, 0);
        int admitted = 0;
        // Ten seconds in 1 ms steps; every admitted request completes at once.
        for (long now = 0; now < 10 * SECOND; now += SECOND / 1000) {
            while (pace.admit(now) instanceof Pace.Admitted) {
                pace.finished();
                admitted++;
            }
        }
        assertThat(admitted).isBetween(99, 106);
    }

    @Test
    void saysHowLongToWaitForTheNextRequest() {
        Pace pace = new Pace(SETTINGS, 0);
        assertThat(pace.admit(0)).isInstanceOf(Pace.Admitted.class);

        assertThat(pace.admit(0)).isEqualTo(new Pace.Wait(SECOND / 10));
    }

    @Test
    void holdsEveryRequestUntilRetryAfterHasPassed() {
        Pace pace = new Pace(SETTINGS, 0);
        Pace.Admitted first = (Pace.Admitted) pace.admit(0);

        pace.throttled(first.admittedAt(), SECOND, Duration.ofSeconds(7));

        assertThat(pace.admit(2 * SECOND)).isEqualTo(new Pace.Wait(6 * SECOND));
        assertThat(pace.admit(8 * SECOND - 1)).isEqualTo(new Pace.Wait(1));
        assertThat(pace.admit(8 * SECOND + SECOND / 5)).isInstanceOf(Pace.Admitted.class);
    }

    @Test
    void doesNotBurstWhenAPauseEnds() {
        Pace pace = new Pace(SETTINGS, 0);
        Pace.Admitted first = (Pace.Admitted) pace.admit(0);
        pace.throttled(first.admittedAt(), 0, Duration.ofSeconds(60));

        long resumed = 60 * SECOND;
        int atOnce = 0;
        while (pace.admit(resumed) instanceof Pace.Admitted) {
            pace.finished();
            atOnce++;
        }
        assertThat(atOnce).isZero();
        assertThat(pace.admit(resumed)).isEqualTo(new Pace.Wait(SECOND / 5));
    }

    @Test
    void halvesTheRateOnA429() {
        Pace pace = new Pace(SETTINGS, 0);
        Pace.Admitted request = (Pace.Admitted) pace.admit(0);

        pace.throttled(request.admittedAt(), SECOND, Duration.ofSeconds(1));

        assertThat(pace.rate()).isEqualTo(5.0);
        assertThat(pace.concurrencyLimit()).isEqualTo(2);
        assertThat(pace.throttles()).isEqualTo(1);
    }

    @Test
    void countsA429BurstOfRequestsInFlightTogetherAsOneSignal() {
        Pace pace = new Pace(SETTINGS.withRates(100, 0.5, 100), 0);
        Pace.Admitted a = (Pace.Admitted) pace.admit(0);
        Pace.Admitted b = (Pace.Admitted) pace.admit(SECOND / 100);
        Pace.Admitted c = (Pace.Admitted) pace.admit(2 * SECOND / 100);

        pace.throttled(a.admittedAt(), SECOND / 10, Duration.ofSeconds(1));
        pace.throttled(b.admittedAt(), SECOND / 10, Duration.ofSeconds(1));
        pace.throttled(c.admittedAt(), SECOND / 10 + 1, Duration.ofSeconds(2));

        assertThat(pace.rate()).isEqualTo(50.0);
        assertThat(pace.throttles()).isEqualTo(3);
        assertThat(pace.pausedUntil()).isEqualTo(SECOND / 10 + 1 + 2 * SECOND);
    }

    @Test
    void neverDropsBelowTheMinimumRate() {
        Pace pace = new Pace(SETTINGS, 0);
        long now = 0;
        for (int i = 0; i < 20; i++) {
            now += 100 * SECOND;
            Pace.Admission admission = pace.admit(now);
            assertThat(admission).isInstanceOf(Pace.Admitted.class);
            pace.throttled(now, now, Duration.ofSeconds(1));
        }
        assertThat(pace.rate()).isEqualTo(0.5);
        assertThat(pace.concurrencyLimit()).isEqualTo(1);
    }

    @Test
    void rampsUpSlowlyAfterAThrottle() {
        Pace pace = new Pace(SETTINGS.withRates(10, 0.5, 100), 0);
        Pace.Admitted first = (Pace.Admitted) pace.admit(0);
        pace.throttled(first.admittedAt(), 0, Duration.ofSeconds(1));
        assertThat(pace.rate()).isEqualTo(5.0);

        // Run at the limit for ten seconds of made-up time, every request succeeding.
        long now = SECOND;
        while (now < 11 * SECOND) {
            if (pace.admit(now) instanceof Pace.Admitted) {
                pace.succeeded(now);
            }
            now += SECOND / 1000;
        }
        // About +1 request/s per second: neither stuck nor straight back to the old pace of ten a second.
        assertThat(pace.rate()).isBetween(13.0, 16.5);
    }

    @Test
    void keepsRequestsInFlightUnderTheConcurrencyLimit() {
        Pace pace = new Pace(SETTINGS.withRates(100, 0.5, 100), 0);
        long now = SECOND;
        for (int i = 0; i < 4; i++) {
            assertThat(pace.admit(now)).isInstanceOf(Pace.Admitted.class);
            now += SECOND / 50;
        }

        assertThat(pace.admit(now)).isEqualTo(new Pace.Full());
        pace.succeeded(now);
        assertThat(pace.admit(now)).isInstanceOf(Pace.Admitted.class);
        assertThat(pace.inFlight()).isEqualTo(4);
    }

    @Test
    void growsTheConcurrencyLimitBackOneStepAtATime() {
        Pace pace = new Pace(SETTINGS.withRates(100, 0.5, 100), 0);
        pace.throttled(((Pace.Admitted) pace.admit(0)).admittedAt(), 0, Duration.ofMillis(1));
        assertThat(pace.concurrencyLimit()).isEqualTo(2);

        long now = SECOND;
        for (int i = 0; i < 3; i++) {
            now += SECOND;
            pace.admit(now);
            pace.succeeded(now);
        }
        assertThat(pace.concurrencyLimit()).isEqualTo(3);
    }
}
