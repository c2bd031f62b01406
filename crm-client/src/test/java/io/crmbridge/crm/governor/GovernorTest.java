package io.crmbridge.crm.governor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GovernorTest {

    private static final GovernorSettings FAST = GovernorSettings.defaults().withRates(1000, 1, 1000)
            .withMaxConcurrency(2);

    @Test
    void grantsPermitsInArrivalOrderUpToTheConcurrencyLimit() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Governor governor = new Governor(FAST, now::get, Schedulers.parallel());
        List<String> granted = new CopyOnWriteArrayList<>();
        List<Permit> permits = new CopyOnWriteArrayList<>();

        for (String name : List.of("a", "b", "c", "d")) {
            now.addAndGet(10_000_000L);
            governor.acquire().subscribe(permit -> {
                granted.add(name);
                permits.add(permit);
            });
        }

        assertThat(granted).containsExactly("a", "b");
        assertThat(governor.snapshot().waiting()).isEqualTo(2);
        permits.get(0).succeeded();
        assertThat(granted).containsExactly("a", "b", "c");
        permits.get(0).finished();
        assertThat(granted).as("a second report of the same permit is ignored").containsExactly("a", "b", "c");
        permits.get(1).finished();
        assertThat(granted).containsExactly("a", "b", "c", "d");
    }

    @Test
    void holdsEveryRequestOfTheConnectionUntilRetryAfterHasPassed() {
        Governor governor = new Governor(FAST);
        Permit first = governor.acquire().block(Duration.ofSeconds(1));
        long throttledAt = System.nanoTime();

        first.throttled(Duration.ofMillis(400));
        List<Long> grantedAfter = new CopyOnWriteArrayList<>();
        governor.acquire().subscribe(permit -> grantedAfter.add(System.nanoTime() - throttledAt));

        assertThat(governor.snapshot().pausedFor()).isPositive();
        assertThat(governor.snapshot().throttles()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> !grantedAfter.isEmpty());
        assertThat(Duration.ofNanos(grantedAfter.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(governor.snapshot().rate()).isEqualTo(500.0);
    }

    @Test
    void paysNoSlotForARequestCancelledWhileWaiting() {
        GovernorSettings one = FAST.withMaxConcurrency(1);
        Governor governor = new Governor(one);
        Permit held = governor.acquire().block(Duration.ofSeconds(1));
        Disposable abandoned = governor.acquire().subscribe();

        abandoned.dispose();
        held.succeeded();

        assertThat(governor.acquire().block(Duration.ofSeconds(1))).isNotNull();
        assertThat(governor.snapshot().waiting()).isZero();
        assertThat(governor.snapshot().inFlight()).isEqualTo(1);
    }

    @Test
    void spacesRequestsAtTheRateWhenTheBucketIsEmpty() {
        Governor governor = new Governor(GovernorSettings.defaults().withRates(20, 1, 20)
                .withIncrease(0));
        long start = System.nanoTime();

        for (int i = 0; i < 11; i++) {
            governor.acquire().block(Duration.ofSeconds(5)).succeeded();
        }

        // 20/s with a bucket of 5 (250 ms deep): the first 5 at once, then one per 50 ms.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
}
