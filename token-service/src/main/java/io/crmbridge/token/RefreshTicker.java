package io.crmbridge.token;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.crmbridge.token.refresh.RefreshingTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Looks for due refreshes every tick; the refreshes themselves run on the worker threads. */
final class RefreshTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshTicker.class);

    private final RefreshingTokens tokens;
    private final Duration tick;
    private ScheduledExecutorService scheduler;

    RefreshTicker(RefreshingTokens tokens, Duration tick) {
        this.tokens = tokens;
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
