package io.crmbridge.poller.tracking;

import java.util.Objects;

/** A row read from Dataverse that is to be published, and what happened to it. */
public record Change(FeedRow row, ChangeKind kind) {

    public Change {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(kind, "kind");
    }
}
