package io.crmbridge.sandbox.dataverse;

import java.time.Duration;

import io.crmbridge.sandbox.SandboxClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProtectionTest {

    private final SandboxClock clock = new SandboxClock();
    private final ServiceProtection protection = new ServiceProtection(
            ServiceProtectionLimits.defaults().withRequests(3, Duration.ofSeconds(10)), clock);

    @Test
    void refusesRequestsBeyondTheLimitUntilTheWindowSlides() {
        for (int i = 0; i < 3; i++) {
            admitted("caller").finished();
        }
        ServiceProtection.Throttled throttled = (ServiceProtection.Throttled) protection.admit("caller");
        assertThat(throttled.code()).isEqualTo("0x80072322");
        assertThat(throttled.message())
                .isEqualTo("Number of requests exceeded the limit of 3 over time window of 10 seconds.");
        assertThat(throttled.retryAfterSeconds()).isBetween(9L, 10L);
        clock.advance(Duration.ofSeconds(11));
        assertThat(protection.admit("caller")).isInstanceOf(ServiceProtection.Admitted.class);
    }

    @Test
    void countsEachCallerApart() {
        for (int i = 0; i < 3; i++) {
            admitted("a").finished();
        }
        assertThat(protection.admit("b")).isInstanceOf(ServiceProtection.Admitted.class);
    }

    @Test
    void makesCallersThatKeepPushingWaitLonger() {
        for (int i = 0; i < 3; i++) {
            admitted("caller").finished();
        }
        long first = ((ServiceProtection.Throttled) protection.admit("caller")).retryAfterSeconds();
        long later = first;
        for (int i = 0; i < 5; i++) {
            later = ((ServiceProtection.Throttled) protection.admit("caller")).retryAfterSeconds();
        }
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void refusesAtOnceBeyondTheConcurrencyLimitAndAdmitsAgainWhenOneFinishes() {
        protection.limits(ServiceProtectionLimits.defaults().withConcurrent(2));
        ServiceProtection.Admitted one = admitted("caller");
        admitted("caller");
        ServiceProtection.Throttled throttled = (ServiceProtection.Throttled) protection.admit("caller");
        assertThat(throttled.code()).isEqualTo("0x80072326");
        assertThat(throttled.message()).isEqualTo("Number of concurrent requests exceeded the limit of 2.");
        one.finished();
        assertThat(protection.admit("caller")).isInstanceOf(ServiceProtection.Admitted.class);
    }

    @Test
    void refusesWhenTheCombinedExecutionTimeIsUsedUp() throws InterruptedException {
        protection.limits(ServiceProtectionLimits.defaults().withExecutionTime(Duration.ofMillis(1)));
        ServiceProtection.Admitted slow = admitted("caller");
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000) {
            Thread.onSpinWait();
        }
        slow.finished();
        ServiceProtection.Throttled throttled = (ServiceProtection.Throttled) protection.admit("caller");
        assertThat(throttled.code()).isEqualTo("0x80072321");
        assertThat(throttled.message()).startsWith("Combined execution time of incoming requests exceeded limit of 1 "
                + "milliseconds over time window of 300 seconds.");
    }

    private ServiceProtection.Admitted admitted(String caller) {
        return (ServiceProtection.Admitted) protection.admit(caller);
    }
}
