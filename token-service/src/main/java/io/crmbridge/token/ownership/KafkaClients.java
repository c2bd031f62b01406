package io.crmbridge.token.ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionAdministration;
import io.crmbridge.token.vault.KafkaConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the Kafka threads in the order correctness needs: read every definition first, publish the configured
 * ones that changed, and only then join the ownership group (an owner must know every definition of the
 * partitions it is given) and listen for token requests. Stops them in reverse, leaving the group so another
 * instance takes over at once.
 */
final class KafkaClients implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaClients.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final KafkaConnections connections;
    private final KafkaVaultOwnership ownership;
    private final Followers followers;
    private final ConnectionAdministration administration;
    private final List<Connection> configured;
    private final Duration startupTimeout;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    KafkaClients(KafkaConnections connections, KafkaVaultOwnership ownership, Followers followers,
                 ConnectionAdministration administration, List<Connection> configured, Duration startupTimeout) {
        this.connections = connections;
        this.ownership = ownership;
        this.followers = followers;
        this.administration = administration;
        this.configured = configured;
        this.startupTimeout = startupTimeout;
    }

    @Override
    public void start() {
        thread(connections, "connections");
        try {
            if (!connections.awaitCaughtUp(startupTimeout)) {
                throw new IllegalStateException("could not read the connection definitions within " + startupTimeout
                        + " (is Kafka reachable?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the connection definitions", e);
        }
        administration.publishConfigured(configured);
        followers.inOrder().forEach(follower -> follower.start().run());
        thread(ownership, "vault-ownership");
        running = true;
        log.info("token-service joined the ownership group with {} configured connections", configured.size());
    }

    @Override
    public void stop() {
        running = false;
        ownership.stop();
        followers.inOrder().forEach(follower -> follower.stop().run());
        connections.stop();
        // Wait for the ownership consumer to leave its group: the next owner is assigned without waiting for a
        // session timeout.
        for (Thread thread : threads) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts before and stops after the refresh ticker, so refreshes in progress can still publish. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void thread(Runnable body, String name) {
        Thread thread = new Thread(body, "kafka-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }
}
