package io.crmbridge.poller.typed;

import java.util.Objects;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * The Avro names of one connection's table, in Debezium's style: namespace {@code <prefix>.<connection>.<table>},
 * records {@code Key}, {@code Value} and {@code Envelope} in it, e.g. {@code crm.contoso_2dapp.account.Value}. The
 * connection id is always {@linkplain AvroNames#escaped escaped} (injectively), so two connections' {@code account}
 * tables never share a name; the prefix and the table's logical name stay as they are when they are valid Avro
 * names (Dataverse logical names are).
 *
 * @param prefix     first segment(s), e.g. the topic prefix {@code crm}; dot-separated, each a valid Avro name
 * @param connection the connection
 * @param table      the table's logical name
 */
public record SchemaNames(String prefix, ConnectionId connection, String table) {

    public SchemaNames {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(table, "table");
        for (String segment : prefix.split("\\.", -1)) {
            if (!AvroNames.valid(segment).equals(segment)) {
                throw new IllegalArgumentException("schema name prefix segment is not a valid Avro name: " + segment);
            }
        }
    }

    public static SchemaNames of(String prefix, ConnectionId connection, String table) {
        return new SchemaNames(prefix, connection, table);
    }

    /**
     * The names under a Kafka topic prefix, which may hold characters Avro names may not ({@code acme-crm},
     * {@code eu.crm-2}): each dot-separated segment is {@linkplain AvroNames#escaped escaped} as a connection id is.
     */
    public static SchemaNames underTopicPrefix(String topicPrefix, ConnectionId connection, String table) {
        StringBuilder prefix = new StringBuilder();
        for (String segment : topicPrefix.split("\\.", -1)) {
            prefix.append(prefix.isEmpty() ? "" : ".").append(AvroNames.valid(segment));
        }
        return new SchemaNames(prefix.toString(), connection, table);
    }

    /** {@code <prefix>.<escaped connection>.<table>}. */
    public String namespace() {
        return prefix + "." + AvroNames.escaped(connection.value()) + "." + AvroNames.valid(table);
    }

    /** Full name of the key record: {@code <namespace>.Key}. */
    public String key() {
        return namespace() + ".Key";
    }

    /** Full name of the row record ({@code before}/{@code after}): {@code <namespace>.Value}. */
    public String value() {
        return namespace() + ".Value";
    }

    /** Full name of the envelope record: {@code <namespace>.Envelope}. */
    public String envelope() {
        return namespace() + ".Envelope";
    }
}
