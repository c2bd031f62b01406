package io.crmbridge.poller.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Before the poller joins its group: reads {@code crm.subscriptions} to its end, publishes the configured seeds
 * that are new or changed (a definition written through the API is never overwritten), and waits until they are
 * read back, so the first shards polled already poll every subscription.
 */
final class SubscriptionLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionLifecycle.class);

    private final KafkaSubscriptions topic;
    private final SubscriptionCatalogue catalogue;
    private final PollerSettings settings;
    private final Duration timeout;
    private volatile boolean running;

    SubscriptionLifecycle(KafkaSubscriptions topic, SubscriptionCatalogue catalogue, PollerSettings settings,
                          Duration timeout) {
        this.topic = topic;
        this.catalogue = catalogue;
        this.settings = settings;
        this.timeout = timeout;
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
        running = true;
    }

    @Override
    public void stop() {
        running = false;
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
