package io.crmbridge.token;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.crmbridge.token.refresh.RefreshingTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks for due refreshes every tick; the refreshes themselves run on the worker threads. Stopping ends the ticks
 * and lets the refreshes in progress finish (publishing their outcome) before the Kafka clients stop, which happens
 * after this (their lifecycle has a lower phase).
 */
final class RefreshTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshTicker.class);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(15);

    private final RefreshingTokens tokens;
    private final ExecutorService workers;
    private final Duration tick;
    private ScheduledExecutorService scheduler;

    RefreshTicker(RefreshingTokens tokens, ExecutorService workers, Duration tick) {
        this.tokens = tokens;
        this.workers = workers;
        this.tick = tick;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "token-refresh-ticker");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("refreshes still running after {}; stopping anyway", DRAIN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void tick() {
        try {
            tokens.tick();
        } catch (RuntimeException e) {
            // One bad connection must not stop the ticker for all of them.
            log.error("refresh tick failed: {}", e.toString());
        }
    }
}
