package io.crmbridge.crm.webapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** How long kept metadata lasts, against a clock the test moves: {@link KeptRead}'s rules one by one. */
class KeptReadTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock();
    private final Deque<Outcome<String>> answers = new ArrayDeque<>();
    private int reads;
    private final KeptRead<String> kept = new KeptRead<>("table account", () -> Mono.fromSupplier(() -> {
        reads++;
        return answers.isEmpty() ? failure() : answers.poll();
    }), MAX_AGE, clock);

    @Test
    void servesTheFirstReadUntilItIsOlderThanTheMaximumAge() {
        answers.add(new Outcome.Success<>("v1"));
        answers.add(new Outcome.Success<>("v2"));

        assertThat(value()).isEqualTo("v1");
        clock.advance(MAX_AGE);
        assertThat(value()).isEqualTo("v1");
        assertThat(reads).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(value()).isEqualTo("v2");
        assertThat(value()).isEqualTo("v2");
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void keepsNoFailedFirstRead() {
        answers.add(failure());
        answers.add(new Outcome.Success<>("v1"));

        assertThat(kept.get().block().succeeded()).isFalse();
        assertThat(value()).isEqualTo("v1");
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void servesTheOldEntryWhenTheReReadFailsAndTriesAgainAMaximumAgeLater() {
        answers.add(new Outcome.Success<>("v1"));
        answers.add(failure());
        answers.add(new Outcome.Success<>("v2"));
        value();

        clock.advance(MAX_AGE.plusSeconds(1));
        assertThat(value()).isEqualTo("v1");
        assertThat(value()).isEqualTo("v1");
        assertThat(reads).as("no re-read with every call while the endpoint fails").isEqualTo(2);

        clock.advance(MAX_AGE.plusSeconds(1));
        assertThat(value()).isEqualTo("v2");
    }

    @Test
    void servesTheOldEntryWhenTheReReadThrows() {
        KeptRead<String> throwing = new KeptRead<>("table account", () -> reads++ == 0
                ? Mono.just(new Outcome.Success<>("v1")) : Mono.error(new IllegalStateException("broken")), MAX_AGE, clock);
        throwing.get().block();
        clock.advance(MAX_AGE.plusSeconds(1));
        assertThat(throwing.get().block().orElseThrow()).isEqualTo("v1");
    }

    @Test
    void readsNowOnRequestAndKeepsNothingOfAFailure() {
        answers.add(new Outcome.Success<>("v1"));
        answers.add(new Outcome.Success<>("v2"));
        answers.add(failure());
        answers.add(new Outcome.Success<>("v3"));
        value();

        assertThat(kept.readNow().block().orElseThrow()).isEqualTo("v2");
        assertThat(value()).isEqualTo("v2");
        assertThat(kept.readNow().block().succeeded()).isFalse();
        assertThat(value()).as("a failed read-now keeps nothing: the next call reads again").isEqualTo("v3");
    }

    private String value() {
        return kept.get().block().orElseThrow();
    }

    private static Outcome<String> failure() {
        return new Outcome.Failure<>(new DataverseError(503, "", "unavailable", Optional.empty()),
                FailureKind.TRANSIENT, 3);
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
