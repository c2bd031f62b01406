package io.crmbridge.action.pipeline;

import java.time.Duration;

import io.crmbridge.action.parking.HoldDeadline;

/**
 * How the command loop consumes.
 *
 * @param maxRecords  most records one transaction takes (also the consumer's max.poll.records)
 * @param linger      how long to keep polling for more records after the first, to fill batches
 * @param pollTimeout longest one poll waits when nothing arrives
 * @param holdDeadline how long a parked command may wait for its connection's token
 */
record PipelineSettings(PipelineTopics topics, int maxRecords, Duration linger, Duration pollTimeout,
                               HoldDeadline holdDeadline) {
}
