package io.crmbridge.crm.webapi;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.EntityReference;
import io.crmbridge.events.OptionSetValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Queries against the sandbox over HTTPS: paging by nextLink, typed records, metadata. */
class PagingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SandboxConnection sandbox;
    private static UUID contact;
    private static final Set<UUID> accounts = new HashSet<>();

    @BeforeAll
    static void seed() {
        sandbox = new SandboxConnection("paging");
        contact = sandbox.org.table("contact").create(Map.of("firstname", "Susanna", "lastname", "Stubberod"));
        for (int i = 0; i < 25; i++) {
            Map<String, Object> values = new HashMap<>();
            values.put("name", "Account " + i);
            values.put("revenue", new BigDecimal("20000.25"));
            values.put("industrycode", 7);
            values.put("primarycontactid", contact);
            accounts.add(sandbox.org.table("account").create(values));
        }
    }

    @Test
    void followsNextLinksUntilTheLastPageAndSeesEveryRowOnce() {
        RecordParser parser = new RecordParser(TableMetadata.minimal("account", "accounts"));
        ReadOptions options = ReadOptions.defaults().pageSize(10);

        List<Outcome<RecordPage>> pages = sandbox.connection.pages(parser, Query.of("accounts").select("name"),
                options).collectList().block(WAIT);

        assertThat(pages).hasSize(3).allMatch(Outcome::succeeded);
        assertThat(pages).map(page -> page.orElseThrow().records().size()).containsExactly(10, 10, 5);
        assertThat(pages.get(2).orElseThrow().isLast()).isTrue();
        Set<String> seen = new HashSet<>();
        pages.forEach(page -> page.orElseThrow().records().forEach(record -> assertThat(seen.add(record.id()))
                .as("row %s seen twice", record.id()).isTrue()));
        assertThat(seen).hasSameElementsAs(accounts.stream().map(UUID::toString).toList());
    }

    @Test
    void typesRecordsWithMetadataAndAnnotations() {
        TableMetadata account = sandbox.connection.table("account").block(WAIT).orElseThrow();
        assertThat(account.entitySetName()).isEqualTo("accounts");
        assertThat(account.changeTrackingEnabled()).isTrue();
        assertThat(account.column("revenue")).contains(ColumnType.MONEY);
        assertThat(account.column("industrycode")).contains(ColumnType.CHOICE);

        RecordPage page = sandbox.connection.query(new RecordParser(account), Query.of("accounts")
                .select("name", "revenue", "industrycode", "_primarycontactid_value", "createdon")
                .filter("name eq 'Account 3'"), ReadOptions.defaults()).block(WAIT).orElseThrow();

        EntityRecord record = page.records().get(0);
        assertThat(record.attributes())
                .containsEntry("name", "Account 3")
                .containsEntry("revenue", new DecimalValue("20000.2500"))
                .containsEntry("industrycode", new OptionSetValue(7, "Consulting"))
                .containsEntry("primarycontactid", new EntityReference("contact", contact.toString(),
                        "Susanna Stubberod"));
        assertThat(record.formattedValues()).containsEntry("revenue", "$20,000.25");
        assertThat(record.version()).isPositive();
        assertThat(record.etag()).isEqualTo("W/\"" + record.version() + "\"");
    }

    @Test
    void cachesMetadataPerConnection() {
        var first = sandbox.connection.table("contact");
        assertThat(sandbox.connection.table("contact")).isSameAs(first);
        assertThat(sandbox.connection.entitySets().block(WAIT).orElseThrow())
                .containsEntry("account", "accounts").containsEntry("cr123_project", "cr123_projects");
    }
}
