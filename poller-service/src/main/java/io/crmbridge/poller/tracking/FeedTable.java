package io.crmbridge.poller.tracking;

import java.net.URI;
import java.util.Objects;

import io.crmbridge.crm.metadata.TableMetadata;

/**
 * The table a feed reads a subscription's rows with: its metadata (column types, precision, lookup targets) and the
 * org it lives in. What a typed change event's schema is built from.
 */
public record FeedTable(TableMetadata metadata, URI orgUrl) {

    public FeedTable {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(orgUrl, "orgUrl");
    }
}
