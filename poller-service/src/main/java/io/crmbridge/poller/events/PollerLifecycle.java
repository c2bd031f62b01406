package io.crmbridge.poller.events;

import org.springframework.context.SmartLifecycle;

/**
 * Starts following connections and joins the poller group once the application context is ready (after the owned
 * topics exist); on shutdown leaves the group first, so the shards move to other instances, then stops following.
 */
final class PollerLifecycle implements SmartLifecycle {

    private final KafkaConnectionStates connections;
    private final KafkaOwnership ownership;
    private volatile boolean running;

    PollerLifecycle(KafkaConnectionStates connections, KafkaOwnership ownership) {
        this.connections = connections;
        this.ownership = ownership;
    }

    @Override
    public void start() {
        connections.start();
        ownership.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ownership.close();
        connections.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
