package io.crmbridge.poller.capture;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.FeedFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The capture's metrics in Micrometer, tagged {@code connection} and {@code entity}:
 * {@code crmbridge.poller.changes.published}, {@code crmbridge.poller.poll.duration} (its count is the number of
 * reads sent to Dataverse), {@code crmbridge.poller.commit.duration} (Kafka transactions), {@code crmbridge.poller.lag} (seconds), {@code crmbridge.poller.throttles},
 * {@code crmbridge.poller.errors} (tag {@code reason}), {@code crmbridge.poller.commit.failures},
 * {@code crmbridge.poller.resyncs} and {@code crmbridge.poller.failing} (1 while a subscription is CAPTURE_FAILING).
 */
final class MicrometerCaptureMetrics implements CaptureMetrics {

    private final MeterRegistry registry;
    private final Map<SubscriptionKey, AtomicLong> lagMillis = new ConcurrentHashMap<>();
    private final Map<SubscriptionKey, AtomicLong> failing = new ConcurrentHashMap<>();

    public MicrometerCaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void polled(SubscriptionKey subscription, Duration duration) {
        Timer.builder("crmbridge.poller.poll.duration").description("Reads sent to Dataverse and their duration")
                .tags(tags(subscription)).register(registry).record(duration);
    }

    @Override
    public void published(SubscriptionKey subscription, int count, Duration duration) {
        Counter.builder("crmbridge.poller.changes.published").description("Changes committed to Kafka")
                .tags(tags(subscription)).register(registry).increment(count);
        Timer.builder("crmbridge.poller.commit.duration").description("Kafka transactions of a page and its checkpoint")
                .tags(tags(subscription)).register(registry).record(duration);
    }

    @Override
    public void lag(SubscriptionKey subscription, Duration lag) {
        lagMillis.computeIfAbsent(subscription, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("crmbridge.poller.lag", holder, h -> h.get() / 1000.0).baseUnit("seconds")
                    .description("How far behind Dataverse the newest change of the latest page was when read")
                    .tags(tags(key)).register(registry);
            return holder;
        }).set(lag.toMillis());
    }

    @Override
    public void failed(SubscriptionKey subscription, FeedFailure reason) {
        if (reason == FeedFailure.THROTTLED) {
            registry.counter("crmbridge.poller.throttles", tags(subscription)).increment();
        } else {
            registry.counter("crmbridge.poller.errors", tags(subscription).and("reason", reason.name())).increment();
        }
    }

    @Override
    public void commitFailed(SubscriptionKey subscription) {
        registry.counter("crmbridge.poller.commit.failures", tags(subscription)).increment();
    }

    @Override
    public void resynced(SubscriptionKey subscription) {
        registry.counter("crmbridge.poller.resyncs", tags(subscription)).increment();
    }

    @Override
    public void failing(SubscriptionKey subscription, boolean now) {
        failing.computeIfAbsent(subscription, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("crmbridge.poller.failing", holder, AtomicLong::get)
                    .description("1 while the subscription has been failing for longer than the threshold")
                    .tags(tags(key)).register(registry);
            return holder;
        }).set(now ? 1 : 0);
    }

    private static Tags tags(SubscriptionKey subscription) {
        return Tags.of("connection", subscription.connection().value(), "entity", subscription.entity());
    }
}
