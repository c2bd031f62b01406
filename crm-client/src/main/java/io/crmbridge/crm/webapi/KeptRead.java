package io.crmbridge.crm.webapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One metadata read kept for the callers that follow, until it is older than {@code maxAge}:
 * <ul>
 *   <li>the first read is shared by every caller; a failure is not kept, so the next call reads again;</li>
 *   <li>a success older than {@code maxAge} is read again on next use; if that re-read fails the last success
 *       is served instead (logged) and the next re-read is due {@code maxAge} later, so an outage of the metadata
 *       endpoint neither fails reads that had metadata nor sends a metadata request with every read;</li>
 *   <li>{@link #readNow()} reads at once, replacing what is kept; its failure keeps nothing.</li>
 * </ul>
 */
final class KeptRead<T> {

    private static final Logger log = LoggerFactory.getLogger(KeptRead.class);

    private final String what;
    private final Supplier<Mono<Outcome<T>>> read;
    private final Duration maxAge;
    private final Clock clock;
    private Mono<Outcome<T>> kept;
    private Instant readAt;
    private volatile Outcome<T> lastSuccess;

    KeptRead(String what, Supplier<Mono<Outcome<T>>> read, Duration maxAge, Clock clock) {
        this.what = what;
        this.read = read;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    synchronized Mono<Outcome<T>> get() {
        Instant now = clock.instant();
        if (kept == null) {
            return readNow();
        }
        if (lastSuccess != null && now.isAfter(readAt.plus(maxAge))) {
            kept = reread(lastSuccess);
            readAt = now;
        }
        return kept;
    }

    /** Reads now and keeps the read for the callers that follow; a failure keeps nothing. */
    synchronized Mono<Outcome<T>> readNow() {
        @SuppressWarnings("unchecked")
        Mono<Outcome<T>>[] self = new Mono[1];
        self[0] = read.get().doOnNext(outcome -> {
            if (outcome.succeeded()) {
                lastSuccess = outcome;
            } else {
                forget(self[0]);
            }
        }).doOnError(error -> forget(self[0])).cache();
        kept = self[0];
        readAt = clock.instant();
        return kept;
    }

    private Mono<Outcome<T>> reread(Outcome<T> previous) {
        return read.get().map(outcome -> {
            if (outcome.succeeded()) {
                lastSuccess = outcome;
                return outcome;
            }
            Outcome.Failure<T> failure = (Outcome.Failure<T>) outcome;
            log.warn("re-reading {} failed ({}, {} after {} attempts), serving what was read before; next try in {}",
                    what, failure.kind(), failure.error().label(), failure.attempts(), maxAge);
            return previous;
        }).onErrorResume(error -> {
            log.warn("re-reading {} failed ({}), serving what was read before; next try in {}", what,
                    error.getClass().getSimpleName(), maxAge);
            return Mono.just(previous);
        }).cache();
    }

    private synchronized void forget(Mono<Outcome<T>> read) {
        if (kept == read) {
            kept = null;
        }
    }
}
