package io.crmbridge.poller.events;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmbridge.crm.metadata.ColumnMetadata;
import io.crmbridge.crm.metadata.ColumnType;
import io.crmbridge.crm.metadata.DecimalRange;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.poller.capture.CapturedChange;
import io.crmbridge.poller.capture.ChangeRecords;
import io.crmbridge.poller.subscription.ChangeFormat;
import io.crmbridge.poller.subscription.Strategy;
import io.crmbridge.poller.subscription.SubscriptionKey;
import io.crmbridge.poller.tracking.ChangeKind;
import io.crmbridge.poller.tracking.FeedTable;
import io.crmbridge.poller.typed.TypedMappingException;
import io.crmbridge.schemas.registry.Compatibility;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedChangeEventsTest {

    private static final SubscriptionKey ACCOUNTS = SubscriptionKey.of("contoso", "account");
    private static final URI ORG = URI.create("https://contoso.crm4.dynamics.com");
    private static final String TOPIC = "crm.typed.contoso.account";
    private static final TableMetadata MONEY = accounts(ColumnMetadata.decimal("revenue", ColumnType.MONEY,
            new DecimalRange(2, 0, new BigDecimal("-1000000"), new BigDecimal("1000000"))));
    private static final String ID = "5e4c6f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final TypedChangeEvents events = new TypedChangeEvents("crm", registry);

    @Test
    void aDeleteIsOpDWithOnlyTheKeyBeforeAndTheSubjectsAreSetToFullOnce() {
        ChangeRecords.Keyed deleted = events.event(change(ChangeKind.DELETED, MONEY, Map.of()), TOPIC);

        GenericRecord envelope = (GenericRecord) deleted.value();
        assertThat(envelope.get("op")).isEqualTo("d");
        assertThat(envelope.get("after")).isNull();
        GenericRecord before = (GenericRecord) envelope.get("before");
        assertThat(before.get("accountid").toString()).isEqualTo(ID);
        assertThat(before.get("revenue")).isNull();
        assertThat(((GenericRecord) deleted.key()).get("accountid").toString()).isEqualTo(ID);
        assertThat(((GenericRecord) envelope.get("source")).get("org").toString()).isEqualTo(ORG.toString());
        assertThat(registry.subjectCompatibility(TOPIC + "-value")).contains(Compatibility.FULL);
        assertThat(registry.subjectCompatibility(TOPIC + "-key")).contains(Compatibility.FULL);
    }

    @Test
    void aColumnWhoseTypeChangedInTheMetadataStopsThePublishingNamingTheColumn() {
        events.event(change(ChangeKind.UPDATED, MONEY, Map.of("revenue", new DecimalValue("12.50"))), TOPIC);
        TableMetadata text = accounts(ColumnMetadata.of("revenue", ColumnType.TEXT));

        assertThatThrownBy(() -> events.event(change(ChangeKind.UPDATED, text, Map.of("revenue", "twelve")), TOPIC))
                .isInstanceOf(TypedMappingException.class).hasMessageContaining("revenue")
                .hasMessageNotContaining("twelve");
    }

    @Test
    void aValueBeyondTheColumnsScaleIsRefusedNotRounded() {
        assertThatThrownBy(() -> events.event(change(ChangeKind.CREATED, MONEY,
                Map.of("revenue", new DecimalValue("12.505"))), TOPIC))
                .isInstanceOf(TypedMappingException.class).hasMessageContaining("revenue")
                .hasMessageContaining("does not fit scale 2");
    }

    private static TableMetadata accounts(ColumnMetadata revenue) {
        return TableMetadata.described("account", "accounts", "accountid", true,
                List.of(ColumnMetadata.of("accountid", ColumnType.UNIQUEIDENTIFIER), revenue));
    }

    private static CapturedChange change(ChangeKind kind, TableMetadata table, Map<String, Object> attributes) {
        return new CapturedChange("event-" + kind, ACCOUNTS, ID, kind, Instant.parse("2026-12-07T10:00:00Z"), 7L,
                attributes, Map.of(), Strategy.CHANGE_TRACKING, Instant.parse("2026-12-07T10:00:01Z"),
                ChangeFormat.TYPED, new FeedTable(table, ORG), List.of(), false);
    }
}
