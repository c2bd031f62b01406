package io.crmbridge.action.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * Something the command loops wait for before they start (port), e.g. having read every connection event and
 * token grant already on Kafka, so no command runs on a stale view of its connection.
 */
public interface Readiness {

    /** What is awaited, for the log. */
    String name();

    CompletableFuture<Void> ready();
}
