/**
 * Typed change topics: one Avro schema per connection and table, built from Dataverse metadata, in Debezium's
 * envelope ({@link io.crmbridge.poller.typed.TypedSchemas}), and captured rows as records of it
 * ({@link io.crmbridge.poller.typed.TypedValues}). Plain Java and Avro's generic API: no Spring, no Kafka, no
 * registry; the column mapping is the decision table of {@link io.crmbridge.poller.typed.ColumnMapping}.
 */
package io.crmbridge.poller.typed;
