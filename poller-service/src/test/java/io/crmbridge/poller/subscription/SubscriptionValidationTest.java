package io.crmbridge.poller.subscription;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionValidationTest {

    private static final ConnectionId CONTOSO = ConnectionId.of("contoso");
    private static final TableMetadata ACCOUNT = new TableMetadata("account", "accounts", "accountid", true,
            Map.of("accountid", ColumnType.UNIQUEIDENTIFIER, "name", ColumnType.TEXT,
                    "modifiedon", ColumnType.DATETIME), Map.of());
    private static final TableMetadata LEAD = new TableMetadata("lead", "leads", "leadid", false,
            Map.of("leadid", ColumnType.UNIQUEIDENTIFIER, "subject", ColumnType.TEXT,
                    "modifiedon", ColumnType.DATETIME), Map.of());
    private static final TableMetadata NOTE = new TableMetadata("note", "notes", "noteid", false,
            Map.of("noteid", ColumnType.UNIQUEIDENTIFIER), Map.of());

    private final ConnectionStates connections = new ConnectionStates();
    private TableCatalog.Lookup answer = new TableCatalog.Missing();
    private final SubscriptionValidation validation = new SubscriptionValidation(connections, new TableCatalog() {
        @Override
        public Lookup table(ConnectionId connection, String table) {
            return switch (table) {
                case "account" -> new TableCatalog.Found(ACCOUNT);
                case "lead" -> new TableCatalog.Found(LEAD);
                case "note" -> new TableCatalog.Found(NOTE);
                default -> answer;
            };
        }

        @Override
        public Lookup refreshedTable(ConnectionId connection, String table) {
            return table(connection, table);
        }

        @Override
        public Listing tables(ConnectionId connection) {
            return new TableCatalog.Listed(List.of(ACCOUNT, LEAD, NOTE));
        }
    });

    {
        connections.defined(CONTOSO, URI.create("https://contoso.crm4.dynamics.com"), true);
    }

    @Test
    void acceptsAValidSubscriptionAndTakesTheEntitySetFromTheMetadata() {
        SubscriptionValidation.Verdict verdict = validation.validate(spec("account", List.of("name"),
                Strategy.CHANGE_TRACKING, null));

        assertThat(verdict).isInstanceOfSatisfying(SubscriptionValidation.Valid.class,
                valid -> assertThat(valid.spec().entitySet()).isEqualTo("accounts"));
    }

    @Test
    void namesEveryProblemAtOnce() {
        SubscriptionValidation.Verdict verdict = validation.validate(spec("account", List.of("name", "warp", "hull"),
                Strategy.CHANGE_TRACKING, 0));

        assertThat(verdict).isInstanceOfSatisfying(SubscriptionValidation.Invalid.class, invalid ->
                assertThat(invalid.problems()).containsExactly("pageSize must be 1 to 5000: 0",
                        "column 'warp' is not a column of table 'account'",
                        "column 'hull' is not a column of table 'account'"));
    }

    @Test
    void suggestsModifiedOnForATableWithoutChangeTrackingAndRefusesItWithoutAModifiedOnColumn() {
        assertThat(validation.validate(spec("lead", List.of(), Strategy.CHANGE_TRACKING, null)))
                .isInstanceOfSatisfying(SubscriptionValidation.Invalid.class, invalid -> assertThat(invalid.problems())
                        .singleElement().asString().contains("does not have change tracking enabled")
                        .contains("use strategy MODIFIED_ON"));
        assertThat(validation.validate(spec("lead", List.of(), Strategy.MODIFIED_ON, null)))
                .isInstanceOf(SubscriptionValidation.Valid.class);
        assertThat(validation.validate(spec("note", List.of(), Strategy.MODIFIED_ON, null)))
                .isInstanceOfSatisfying(SubscriptionValidation.Invalid.class, invalid -> assertThat(invalid.problems())
                        .containsExactly("table 'note' has no modifiedon column: MODIFIED_ON cannot poll it"));
    }

    @Test
    void refusesAnUnknownTableOrConnectionAndWaitsWhenTheMetadataCannotBeRead() {
        assertThat(validation.validate(spec("spaceship", List.of(), Strategy.CHANGE_TRACKING, null)))
                .isInstanceOfSatisfying(SubscriptionValidation.Invalid.class, invalid -> assertThat(invalid.problems())
                        .singleElement().asString().startsWith("table 'spaceship' does not exist"));
        answer = new TableCatalog.Unavailable("429 throttled");
        assertThat(validation.validate(spec("spaceship", List.of(), Strategy.CHANGE_TRACKING, null)))
                .isEqualTo(new SubscriptionValidation.Undecided("429 throttled"));
        SubscriptionSpec elsewhere = new SubscriptionSpec(SubscriptionKey.of("nobody", "account"), null, List.of(),
                Strategy.CHANGE_TRACKING, StartPosition.NOW, null, null, null, null, 0, Instant.EPOCH, "test");
        assertThat(validation.validate(elsewhere)).isInstanceOfSatisfying(SubscriptionValidation.Invalid.class,
                invalid -> assertThat(invalid.problems()).singleElement().asString()
                        .startsWith("connection 'nobody' is not defined"));
    }

    @Test
    void refusesAnEntitySetOtherThanTheTables() {
        SubscriptionSpec wrong = new SubscriptionSpec(SubscriptionKey.of("contoso", "account"), "acounts", List.of(),
                Strategy.CHANGE_TRACKING, StartPosition.NOW, Duration.ofSeconds(1), null, null, null, 0,
                Instant.EPOCH, "test");

        assertThat(validation.validate(wrong)).isInstanceOfSatisfying(SubscriptionValidation.Invalid.class,
                invalid -> assertThat(invalid.problems()).singleElement().asString().contains("leave it out"));
    }

    private static SubscriptionSpec spec(String table, List<String> columns, Strategy strategy, Integer pageSize) {
        return new SubscriptionSpec(SubscriptionKey.of("contoso", table), null, columns, strategy,
                StartPosition.SNAPSHOT, null, null, pageSize, null, 0, Instant.EPOCH, "test");
    }
}
