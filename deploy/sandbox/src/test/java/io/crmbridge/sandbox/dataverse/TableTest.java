package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.sandbox.SandboxClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process API: what tests, the admin API and the traffic generator use. */
class TableTest {

    private final Org org = new Org("unit", "https://localhost/org/unit", StandardTables.schema(),
            new SandboxClock(), DataverseSettings.defaults());

    @Test
    void createsReadsUpdatesAndDeletesRows() {
        Table accounts = org.table("account");
        UUID id = accounts.create(Map.of("name", "Contoso", "revenue", new BigDecimal("20000.10"),
                "industrycode", 1, "lastusedincampaign", Instant.parse("2023-04-07T21:59:01Z")));
        assertThat(accounts.get(id)).get().satisfies(row -> {
            assertThat(row).containsEntry("name", "Contoso").containsEntry("accountid", id)
                    .containsEntry("revenue", new BigDecimal("20000.10")).containsEntry("industrycode", 1)
                    .containsEntry("statecode", 0).containsEntry("statuscode", 1);
            assertThat(row.get("versionnumber")).isInstanceOf(Long.class);
        });
        long before = (Long) accounts.get(id).orElseThrow().get("versionnumber");
        accounts.update(id, Map.of("name", "Contoso Ltd"));
        assertThat(accounts.get(id).orElseThrow()).containsEntry("name", "Contoso Ltd");
        assertThat((Long) accounts.get(id).orElseThrow().get("versionnumber")).isGreaterThan(before);
        accounts.delete(id);
        assertThat(accounts.get(id)).isEmpty();
        assertThat(accounts.count()).isZero();
    }

    @Test
    void setsLookupsFromIdsAndComputesFullNames() {
        UUID account = org.table("account").create(Map.of("name", "Fabrikam"));
        UUID contact = org.table("contact").create(Map.of("firstname", "Ana", "lastname", "Kim",
                "parentcustomerid_account@odata.bind", "/accounts(" + account + ")"));
        UUID project = org.table("cr123_project").create(Map.of("cr123_name", "P", "cr123_accountid", account,
                "cr123_regions", List.of(100000002, 100000000)));
        assertThat(org.table("contact").get(contact).orElseThrow())
                .containsEntry("fullname", "Ana Kim").containsEntry("_parentcustomerid_value", account);
        assertThat(org.table("cr123_project").get(project).orElseThrow())
                .containsEntry("_cr123_accountid_value", account)
                .containsEntry("cr123_regions", List.of(100000000, 100000002));
    }

    @Test
    void failsLikeTheWebApiDoes() {
        Table accounts = org.table("account");
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> accounts.update(missing, Map.of("name", "x")))
                .isInstanceOfSatisfying(DataverseError.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("0x80040217");
                    assertThat(e.getMessage()).isEqualTo("account With Id = " + missing + " Does Not Exist");
                });
        assertThatThrownBy(() -> accounts.create(Map.of("name", "x".repeat(161))))
                .isInstanceOfSatisfying(DataverseError.class, e -> assertThat(e.code()).isEqualTo("0x80044331"));
        accounts.create(Map.of("accountnumber", "A-1"));
        assertThatThrownBy(() -> accounts.create(Map.of("accountnumber", "a-1")))
                .isInstanceOfSatisfying(DataverseError.class, e -> assertThat(e.code()).isEqualTo("0x80060892"));
    }

    @Test
    void rollsBackEveryWriteOfAFailedTransaction() {
        Table accounts = org.table("account");
        UUID kept = accounts.create(Map.of("name", "kept"));
        long version = org.committedVersion();
        Rows rows = org.rows(org.schema().table("account"));
        assertThatThrownBy(() -> org.write(tx -> {
            org.writes().create(tx, rows, JsonBodies.read("{\"name\":\"new\"}".getBytes()), null);
            org.writes().delete(tx, rows, rows.get(kept));
            throw DataverseError.badRequest("boom");
        })).isInstanceOf(DataverseError.class);
        assertThat(accounts.count()).isEqualTo(1);
        assertThat(accounts.get(kept)).isPresent();
        assertThat(rows.deleted(0, Long.MAX_VALUE)).isEmpty();
        assertThat(org.committedVersion()).isEqualTo(version);
    }

    @Test
    void keepsTombstonesIndexedByVersionForChangeTracking() {
        Table accounts = org.table("account");
        UUID id = accounts.create(Map.of("name", "gone"));
        long afterCreate = org.committedVersion();
        accounts.delete(id);
        Rows rows = org.rows(org.schema().table("account"));
        assertThat(rows.deleted(afterCreate, org.committedVersion()).values())
                .extracting(Tombstone::id).containsExactly(id);
        assertThat(rows.changed(afterCreate, org.committedVersion())).isEmpty();
    }

    @Test
    void breakingDeltaTokensMovesTheValidityFloorPastEveryIssuedVersion() {
        org.table("account").create(Map.of("name", "x"));
        long issued = org.committedVersion();
        org.breakDeltaTokens();
        assertThat(org.tokensValidFrom()).isGreaterThan(issued);
        assertThat(org.committedVersion()).isGreaterThanOrEqualTo(org.tokensValidFrom());
    }

    @Test
    void addsAColumnAtRuntimeThatOldRowsReadAsNullAndWritesAccept() {
        Table accounts = org.table("account");
        UUID before = accounts.create(Map.of("name", "Written before"));

        org.addColumn("account", CustomColumn.money("cr123_budget", 4));

        assertThat(accounts.get(before).orElseThrow()).containsEntry("cr123_budget", null)
                .containsEntry("name", "Written before");
        UUID after = accounts.create(Map.of("name", "Written after", "cr123_budget", new BigDecimal("1234.5600")));
        assertThat(accounts.get(after).orElseThrow()).containsEntry("cr123_budget", new BigDecimal("1234.5600"));
        accounts.update(before, Map.of("cr123_budget", new BigDecimal("7.1")));
        assertThat(accounts.get(before).orElseThrow()).containsEntry("cr123_budget", new BigDecimal("7.1000"))
                .containsEntry("name", "Written before");
        UUID byKey = accounts.create(Map.of("name", "Keyed", "accountnumber", "K-1"));
        assertThatThrownBy(() -> accounts.create(Map.of("name", "Same key", "accountnumber", "K-1")))
                .as("the alternate key still holds after the column was added").isInstanceOf(DataverseError.class);
        assertThat(accounts.get(byKey)).isPresent();
    }

    @Test
    void refusesAColumnThatExistsOrHasNoPublisherPrefix() {
        org.addColumn("account", CustomColumn.text("cr123_tier", 50));
        assertThatThrownBy(() -> org.addColumn("account", CustomColumn.text("cr123_tier", 50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cr123_tier");
        assertThatThrownBy(() -> CustomColumn.text("tier", 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomColumn.decimal("cr123_rate", 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomColumn.money("cr123_cost", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomColumn.choice("cr123_level", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> org.addColumn("widget", CustomColumn.text("cr123_tier", 50)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletesAColumnAddedAtRuntimeAndAColumnOfTheSameNameAddedLaterStartsEmpty() {
        Table accounts = org.table("account");
        org.addColumn("account", CustomColumn.of("cr123_score", "Integer"));
        UUID id = accounts.create(Map.of("name", "Scored", "cr123_score", 7));

        org.removeColumn("account", "cr123_score");

        assertThat(accounts.get(id).orElseThrow()).doesNotContainKey("cr123_score").containsEntry("name", "Scored");
        assertThatThrownBy(() -> accounts.update(id, Map.of("cr123_score", 8))).isInstanceOf(DataverseError.class);
        accounts.update(id, Map.of("name", "Still scored"));
        org.addColumn("account", CustomColumn.of("cr123_score", "Integer"));
        assertThat(accounts.get(id).orElseThrow()).containsEntry("cr123_score", null)
                .containsEntry("name", "Still scored");
    }

    @Test
    void refusesToDeleteAColumnThatWasNotAddedAtRuntime() {
        assertThatThrownBy(() -> org.removeColumn("account", "name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("custom column added at runtime");
        assertThatThrownBy(() -> org.removeColumn("account", "cr123_nothing"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
