package io.crmbridge.poller.typed;

import java.time.Instant;
import java.util.Objects;

/**
 * The values of the envelope's {@code source} record.
 *
 * @param connection the connection id
 * @param org        the organisation URL
 * @param table      the table's logical name
 * @param version    the row's versionnumber; null on deletes or when not known
 * @param changedAt  the row's modifiedon; null on deletes
 * @param capture    {@code CHANGE_TRACKING} or {@code MODIFIED_ON}
 * @param snapshot   Debezium's snapshot flag
 */
public record ChangeSource(String connection, String org, String table, Long version, Instant changedAt,
                           String capture, Snapshot snapshot) {

    /** Debezium's {@code source.snapshot}: a row of a snapshot, its last row, or a change. */
    public enum Snapshot {
        TRUE("true"), LAST("last"), FALSE("false");

        private final String value;

        Snapshot(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public ChangeSource {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
