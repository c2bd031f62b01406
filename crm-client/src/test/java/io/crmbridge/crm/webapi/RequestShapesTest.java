package io.crmbridge.crm.webapi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestShapesTest {

    private static final String ID = "00000000-0000-0000-0000-000000000001";

    @Test
    void encodesQueryOptionsButKeepsODataPunctuation() {
        Query query = Query.of("accounts").select("name", "revenue")
                .filter("name eq 'Fourth Coffee & Co' and revenue gt 100").orderBy("name desc").top(5).withCount();

        assertThat(query.toUrl()).isEqualTo("accounts?$select=name,revenue"
                + "&$filter=name%20eq%20'Fourth%20Coffee%20%26%20Co'%20and%20revenue%20gt%20100"
                + "&$orderby=name%20desc&$top=5&$count=true");
        assertThat(Query.of("accounts").toUrl()).isEqualTo("accounts");
        assertThat(Query.of("accounts").filter("name eq 'Zoë'").toUrl()).endsWith("Zo%C3%AB'");
    }

    @Test
    void buildsThePreferHeaderFromReadOptions() {
        assertThat(ReadOptions.tracking(5000).prefer())
                .isEqualTo("odata.include-annotations=\"*\",odata.maxpagesize=5000,odata.track-changes");
        assertThat(ReadOptions.defaults().annotations(null).prefer()).isNull();
        assertThatThrownBy(() -> ReadOptions.defaults().pageSize(5001)).hasMessageContaining("5000");
    }

    @Test
    void addressesRowsByIdAndByAlternateKeyWithQuotedStrings() {
        assertThat(RecordAddress.byId("accounts", ID).toUrl()).isEqualTo("accounts(" + ID + ")");
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("firstname", "O'Brien");
        key.put("cr123_number", 7);
        assertThat(RecordAddress.byKey("contacts", key).toUrl())
                .isEqualTo("contacts(firstname='O''Brien',cr123_number=7)");
        assertThat(RecordAddress.byId("accounts", UUID.fromString(ID)).toReference())
                .isEqualTo("/accounts(" + ID + ")");
        assertThatThrownBy(() -> RecordAddress.byId("accounts", "not-a-guid"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesAlternateKeyValuesSoTheyStayInsideTheirSegment() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("accountnumber", "O'Neil & Co");
        key.put("cr123_code", "A/B,C) Zoë");
        key.put("cr123_due", Instant.parse("2026-03-01T10:15:30Z"));
        key.put("cr123_rate", new BigDecimal("1E+2"));
        key.put("cr123_count", 7L);
        key.put("cr123_active", true);
        key.put("primarycontactid", new RecordAddress.Lookup(UUID.fromString(ID)));

        assertThat(RecordAddress.byKey("accounts", key).toUrl()).isEqualTo("accounts(accountnumber='O''Neil%20%26%20Co',"
                + "cr123_code='A%2FB%2CC%29%20Zo%C3%AB',cr123_due=2026-03-01T10%3A15%3A30Z,cr123_rate=100,"
                + "cr123_count=7,cr123_active=true,_primarycontactid_value=" + ID + ")");
        assertThatThrownBy(() -> RecordAddress.byKey("accounts", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shapesEachWriteAsTheReferenceDocumentsIt() {
        RecordAddress account = RecordAddress.byId("accounts", ID);
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(WriteRequests.create("accounts", json, true).headers())
                .containsEntry("Prefer", "return=representation,odata.include-annotations=\"*\"").containsEntry("Content-Type", "application/json");
        assertThat(WriteRequests.update(account, json, "*").headers()).containsEntry("If-Match", "*");
        assertThat(WriteRequests.update(account, json, "W/\"5\"").method()).isEqualTo("PATCH");
        assertThat(WriteRequests.upsert(account, json).headers()).doesNotContainKeys("If-Match", "If-None-Match");
        assertThat(WriteRequests.createAt(account, json).headers()).containsEntry("If-None-Match", "*");
        assertThat(WriteRequests.delete(account, null).headers()).isEmpty();
        assertThat(WriteRequests.delete(account, "W/\"5\"").headers()).containsEntry("If-Match", "W/\"5\"");

        WebApiRequest associate = WriteRequests.associate(account, "contact_customer_accounts",
                RecordAddress.byId("contacts", ID));
        assertThat(associate.url()).isEqualTo("accounts(" + ID + ")/contact_customer_accounts/$ref");
        assertThat(new String(associate.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"@odata.id\":\"contacts(" + ID + ")\"}");
        assertThat(WriteRequests.disassociate(account, "contact_customer_accounts",
                RecordAddress.byId("contacts", ID)).url())
                .isEqualTo("accounts(" + ID + ")/contact_customer_accounts(" + ID + ")/$ref");
        assertThat(WriteRequests.clearReference(account, "primarycontactid").method()).isEqualTo("DELETE");
    }

    @Test
    void readsTheRowIdAndEtagOfAWrite() {
        WriteResponse written = WriteResponse.of(new WebApiResponse(204, Map.of("odata-entityid",
                "https://org/api/data/v9.2/accounts(7EB682F1-CA75-E511-80D4-00155D2A68D1)", "ETag", "W/\"9\""),
                null));

        assertThat(written.id()).contains("7eb682f1-ca75-e511-80d4-00155d2a68d1");
        assertThat(written.etag()).contains("W/\"9\"");
        assertThat(written.created()).isFalse();
    }
}
