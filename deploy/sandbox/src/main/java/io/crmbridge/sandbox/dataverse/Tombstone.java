package io.crmbridge.sandbox.dataverse;

import java.time.Instant;
import java.util.UUID;

/** A deleted row, kept for change tracking until the retention period has passed. */
record Tombstone(UUID id, long version, Instant deletedAt) {
}
