package io.crmbridge.sink;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.crmbridge.events.CaptureEventType;
import io.crmbridge.poller.PollerRig;
import io.crmbridge.poller.Scenario;
import io.crmbridge.sandbox.dataverse.CustomColumn;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink proof: the poller's TYPED topic of the sandbox's account table, read by a real Kafka Connect worker with
 * Debezium's JDBC sink and Apicurio's converter (Confluent wire format, schemas from a real Apicurio Registry), written
 * into a real PostgreSQL; after inserts, updates, deletes and a column added mid-run, the PostgreSQL table equals the
 * sandbox's table row for row and column for column, money exact at scale 4. Nothing here knows the envelope: the sink
 * reads it as Debezium's own.
 */
class JdbcSinkIT {

    private static final String CONNECTION = "sink";
    private static final String SINK_TABLE = "crm_account";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> MONEY = Set.of("revenue", "creditlimit", "cr123_budget");
    private static ApicurioRegistry registry;
    private static Postgres postgres;
    private static PollerRig rig;
    private static Scenario scenario;
    private static ConnectWorker worker;
    private static final List<UUID> accounts = new ArrayList<>();

    @BeforeAll
    static void start() {
        registry = ApicurioRegistry.start();
        postgres = Postgres.start();
        rig = new PollerRig();
        scenario = rig.scenario("sink").withRegistry(registry.confluentApi());
        Table table = accounts();
        UUID contact = scenario.org(CONNECTION).table("contact")
                .create(Map.of("firstname", "Susanna", "lastname", "Stubberod"));
        accounts.add(table.create(Map.of("name", "Contoso", "revenue", new BigDecimal("1234.56"),
                "industrycode", 3, "primarycontactid", contact, "creditonhold", true, "numberofemployees", 120,
                "address1_latitude", 47.6, "lastusedincampaign", Instant.parse("2024-03-01T10:15:30Z"))));
        accounts.add(table.create(Map.of("name", "Fabrikam", "revenue", new BigDecimal("98765432109.1234"),
                "creditlimit", new BigDecimal("0.01"))));
        accounts.add(table.create(Map.of("name", "Litware")));
        scenario.connect(CONNECTION)
                .with("crmbridge.poller.connections." + CONNECTION + ".tables.account.format", "TYPED")
                .with("crmbridge.poller.metadata-refresh", "1s");
        scenario.startPoller();
        await().atMost(WAIT).until(() -> scenario.typedRecords(CONNECTION, "account").size() >= 3);
        worker = ConnectWorker.start(rig.brokers(), sinkConnector(topic(), postgres.jdbcUrl(), registry.registryApi()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {worker, scenario, rig, postgres, registry}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // go on closing the others
            }
        }
    }

    /**
     * What a user copies: Debezium's JDBC sink on a typed topic, upserting and deleting by the record key, adding
     * columns as the table's schema gains fields, reading only committed records (the poller writes in
     * transactions), key and value through Apicurio's converter in Confluent mode.
     */
    static Map<String, String> sinkConnector(String topic, String jdbcUrl, String apicurioUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "crm-account-sink");
        config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", jdbcUrl);
        config.put("connection.username", "postgres");
        config.put("connection.password", "");
        config.put("insert.mode", "upsert");
        config.put("delete.enabled", "true");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("collection.name.format", "crm_${source.table}");
        config.put("consumer.override.isolation.level", "read_committed");
        for (String side : List.of("key", "value")) {
            config.put(side + ".converter", "io.apicurio.registry.utils.converter.AvroConverter");
            config.put(side + ".converter.apicurio.registry.url", apicurioUrl);
            config.put(side + ".converter.apicurio.registry.headers.enabled", "false");
            config.put(side + ".converter.apicurio.registry.as-confluent", "true");
            config.put(side + ".converter.apicurio.registry.use-id", "contentId");
        }
        return config;
    }

    @Test
    void thePostgresTableEqualsTheSandboxsAccountTableThroughInsertsUpdatesDeletesAndAColumnAddedMidRun()
            throws SQLException {
        awaitTablesEqual();
        assertThat(sinkRow(accounts.get(0))).containsEntry("industrycode_label", "Broadcasting Printing and Publishing")
                .containsEntry("primarycontactid_table", "contact")
                .containsEntry("primarycontactid_name", "Susanna Stubberod")
                .containsEntry("revenue", new BigDecimal("1234.5600"));
        assertThat(scales()).as("money at full scale").containsEntry("revenue", 4).containsEntry("creditlimit", 4);

        Table table = accounts();
        table.update(accounts.get(0), Map.of("revenue", new BigDecimal("99.1"), "name", "Contoso Ltd"));
        table.update(accounts.get(1), Map.of("industrycode", 7, "creditonhold", false));
        table.delete(accounts.get(2));
        accounts.add(table.create(Map.of("name", "Northwind", "revenue", new BigDecimal("0.0001"))));
        awaitTablesEqual();
        assertThat(sinkIds()).as("the deleted row is gone").doesNotContain(accounts.get(2).toString());

        scenario.org(CONNECTION).addColumn("account", CustomColumn.money("cr123_budget", 2));
        await().atMost(WAIT).until(() -> scenario.captureEvents(CONNECTION, CaptureEventType.SCHEMA_CHANGED).size() == 1);
        table.update(accounts.get(0), Map.of("cr123_budget", new BigDecimal("250.5")));
        accounts.add(table.create(Map.of("name", "Adventure Works", "cr123_budget", new BigDecimal("1234.56"))));
        awaitTablesEqual();
        assertThat(scales()).as("the added column, a new PostgreSQL column at the money scale")
                .containsEntry("cr123_budget", 4);
        assertThat(sinkRow(accounts.get(0))).containsEntry("cr123_budget", new BigDecimal("250.5000"));
    }

    private static void awaitTablesEqual() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            worker.requireHealthy();
            assertThat(differences()).isEmpty();
        });
    }

    /**
     * Every difference between the sandbox's account table and PostgreSQL's: a row on one side only, a sandbox
     * column PostgreSQL lacks, a value that differs (lookups compared by id, money exactly at scale 4).
     */
    private static List<String> differences() throws SQLException {
        if (!sinkTableExists()) {
            return List.of("no table " + SINK_TABLE + " yet");
        }
        List<String> differences = new ArrayList<>();
        Table table = accounts();
        Set<String> live = new TreeSet<>();
        for (UUID id : accounts) {
            table.get(id).ifPresent(any -> live.add(id.toString()));
        }
        if (table.count() != live.size()) {
            differences.add("the sandbox holds rows the test did not create: " + table.count());
        }
        if (!new TreeSet<>(sinkIds()).equals(live)) {
            differences.add("rows: sandbox " + live + ", PostgreSQL " + new TreeSet<>(sinkIds()));
        }
        for (String id : live) {
            Map<String, Object> sink = sinkRow(UUID.fromString(id));
            table.get(UUID.fromString(id)).orElseThrow().forEach((property, value) -> {
                String column = column(property);
                if (!sink.containsKey(column)) {
                    differences.add(id + ": no column " + column);
                } else if (!Objects.equals(expected(column, value), sink.get(column))) {
                    differences.add(id + "." + column + ": sandbox " + expected(column, value) + ", PostgreSQL "
                            + sink.get(column));
                }
            });
        }
        return differences;
    }

    /** The sandbox's property name as a column: a lookup's {@code _x_value} is the column {@code x}. */
    private static String column(String property) {
        return property.startsWith("_") && property.endsWith("_value")
                ? property.substring(1, property.length() - "_value".length()) : property;
    }

    /** A sandbox value as PostgreSQL should hold it after the sink. */
    private static Object expected(String column, Object value) {
        if (value instanceof BigDecimal decimal && MONEY.contains(column)) {
            return decimal.setScale(4); // exact: no rounding, or this throws
        }
        if (value instanceof UUID id) {
            return id.toString();
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.MILLIS);
        }
        return value;
    }

    private static Map<String, Object> sinkRow(UUID id) throws SQLException {
        try (Connection c = postgres.connect(); var select = c.prepareStatement(
                "select * from " + SINK_TABLE + " where accountid = ?")) {
            select.setString(1, id.toString());
            try (ResultSet rows = select.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rows.next()) {
                    ResultSetMetaData meta = rows.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), normalised(rows.getObject(i)));
                    }
                }
                return row;
            }
        }
    }

    /** JDBC's value in the sandbox's Java type: timestamps as instants (the sink writes UTC). */
    private static Object normalised(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return value;
    }

    private static List<String> sinkIds() throws SQLException {
        try (Connection c = postgres.connect(); var rows = c.createStatement()
                .executeQuery("select accountid from " + SINK_TABLE)) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    /** The numeric columns' scales, as PostgreSQL's catalogue states them. */
    private static Map<String, Integer> scales() throws SQLException {
        try (Connection c = postgres.connect(); var rows = c.createStatement().executeQuery(
                "select column_name, numeric_scale from information_schema.columns where table_name = '"
                        + SINK_TABLE + "' and data_type = 'numeric'")) {
            Map<String, Integer> scales = new HashMap<>();
            while (rows.next()) {
                scales.put(rows.getString(1), rows.getInt(2));
            }
            return scales;
        }
    }

    private static boolean sinkTableExists() throws SQLException {
        try (Connection c = postgres.connect(); var rows = c.getMetaData().getTables(null, null, SINK_TABLE, null)) {
            return rows.next();
        }
    }

    private static Table accounts() {
        return scenario.org(CONNECTION).table("account");
    }

    private static String topic() {
        return "sink.typed." + CONNECTION + ".account";
    }
}
