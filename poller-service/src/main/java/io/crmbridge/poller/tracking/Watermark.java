package io.crmbridge.poller.tracking;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * MODIFIED_ON position: the newest {@code modifiedon} published and the ids published at exactly that instant
 * (several rows can share one modifiedon, so the next query includes it and skips these ids).
 */
public record Watermark(Instant modifiedOn, Set<String> ids) {

    public Watermark {
        Objects.requireNonNull(modifiedOn, "modifiedOn");
        ids = Set.copyOf(ids);
    }
}
