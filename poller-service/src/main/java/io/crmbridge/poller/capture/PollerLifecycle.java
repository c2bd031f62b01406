package io.crmbridge.poller.capture;

import org.springframework.context.SmartLifecycle;

/**
 * Joins the poller group once the application context is ready (after the owned topics exist); on shutdown leaves
 * the group first, so the shards move to other instances. The connection topics are followed from start-up on.
 */
final class PollerLifecycle implements SmartLifecycle {

    private final KafkaOwnership ownership;
    private volatile boolean running;

    PollerLifecycle(KafkaOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public void start() {
        ownership.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ownership.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
