package io.crmbridge.action.execution;

/**
 * How writes are sent.
 *
 * @param batching        group a connection's writes into {@code $batch} requests (false: one request each)
 * @param batchSize       most writes per {@code $batch} (Dataverse allows 1000)
 * @param maxAttempts     sendings of one write in all when its own part fails with 429 or a transient error
 * @param maxInFlight     requests of one connection in flight at once from one execution
 */
public record ExecutionSettings(boolean batching, int batchSize, int maxAttempts, int maxInFlight) {

    public ExecutionSettings {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be 1..1000, was " + batchSize);
        }
        if (maxAttempts < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxAttempts and maxInFlight must be at least 1");
        }
    }
}
