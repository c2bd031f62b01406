package io.crmbridge.poller.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Before the poller joins its group: reads {@code crm.subscriptions} to its end, publishes the configured seeds
 * that are new or changed (a definition written through the API is never overwritten), and waits until they are
 * read back, so the first shards polled already poll every subscription. Then, in the background, resolves the
 * table patterns at once and every {@code metadata-refresh} after, until stopped.
 */
final class SubscriptionLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionLifecycle.class);

    private final KafkaSubscriptions topic;
    private final SubscriptionCatalogue catalogue;
    private final PollerSettings settings;
    private final Duration timeout;
    private final PatternSubscriptions patterns;
    private final ConnectionStates connections;
    private volatile boolean running;
    private ScheduledExecutorService refreshing;

    SubscriptionLifecycle(KafkaSubscriptions topic, SubscriptionCatalogue catalogue, PollerSettings settings,
                          Duration timeout, PatternSubscriptions patterns, ConnectionStates connections) {
        this.topic = topic;
        this.catalogue = catalogue;
        this.settings = settings;
        this.timeout = timeout;
        this.patterns = patterns;
        this.connections = connections;
    }

    @Override
    public void start() {
        try {
            topic.caughtUp().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("crm.subscriptions could not be read within " + timeout, e);
        } catch (Exception e) {
            throw new IllegalStateException("crm.subscriptions could not be read: " + e, e);
        }
        List<SubscriptionSpec> seeds = catalogue.seedsToPublish(settings.seeds(Clock.systemUTC().instant()));
        seeds.forEach(topic::write); // each returns once read back into the catalogue
        log.info("subscriptions: {} known, {} seeded from configuration now", catalogue.specs().size(), seeds.size());
        refreshing = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "poller-table-patterns");
            thread.setDaemon(true);
            return thread;
        });
        refreshing.scheduleWithFixedDelay(this::resolvePatterns, 0, settings.metadataRefresh().toMillis(),
                TimeUnit.MILLISECONDS);
        // A connection that had no token at start-up need not wait a whole refresh for its first resolution.
        connections.onChange(connection -> {
            if (running && patterns.pending(connection)
                    && connections.status(connection) == ConnectionStatus.ACTIVE) {
                try {
                    refreshing.execute(() -> resolvePatterns(connection));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // stopped meanwhile: nothing to resolve any more
                }
            }
        });
        running = true;
    }

    private void resolvePatterns(io.crmbridge.crm.connection.ConnectionId connection) {
        try {
            patterns.resolve(connection);
        } catch (RuntimeException e) {
            log.warn("table patterns of connection {} could not be resolved ({}); tried again in {}", connection,
                    e.toString(), settings.metadataRefresh());
        }
    }

    private void resolvePatterns() {
        try {
            PatternSubscriptions.Resolution done = patterns.resolveAll();
            if (done.subscribed() + done.unsubscribed() + done.deferred() > 0) {
                log.info("table patterns resolved: {} subscribed or updated, {} unsubscribed, {} left for the next"
                        + " refresh in {}", done.subscribed(), done.unsubscribed(), done.deferred(),
                        settings.metadataRefresh());
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and try at the next refresh.
            log.warn("table patterns could not be resolved ({}); tried again in {}", e.toString(),
                    settings.metadataRefresh());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (refreshing != null) {
            refreshing.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the poller's group membership (default phase). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1000;
    }
}
