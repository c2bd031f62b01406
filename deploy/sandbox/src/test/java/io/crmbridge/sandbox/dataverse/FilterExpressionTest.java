package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterExpressionTest {

    private static final TableDefinition ACCOUNT = StandardTables.account();
    private static final UUID CONTACT = UUID.fromString("70bf4d48-34cb-ed11-b596-0022481d68cd");

    private final Row contoso = row("Contoso", 250, new BigDecimal("20000.00"), true,
            Instant.parse("2023-04-07T21:59:01Z"), CONTACT);
    private final Row blank = row(null, null, null, null, null, null);

    @Test
    void comparesTextCaseInsensitivelyAsDataverseDoes() {
        assertThat(matches("name eq 'contoso'", contoso)).isTrue();
        assertThat(matches("name ne 'Contoso'", contoso)).isFalse();
        assertThat(matches("name gt 'B' and name lt 'D'", contoso)).isTrue();
    }

    @Test
    void comparesNumbersMoneyBooleansDatesAndGuids() {
        assertThat(matches("numberofemployees ge 250", contoso)).isTrue();
        assertThat(matches("numberofemployees gt 250", contoso)).isFalse();
        assertThat(matches("revenue le 20000.00", contoso)).isTrue();
        assertThat(matches("creditonhold eq true", contoso)).isTrue();
        assertThat(matches("lastusedincampaign lt 2023-04-08T00:00:00Z", contoso)).isTrue();
        assertThat(matches("lastusedincampaign gt 2023-04-07", contoso)).isTrue();
        assertThat(matches("_primarycontactid_value eq " + CONTACT, contoso)).isTrue();
    }

    @Test
    void matchesNullOnlyWithEqNull() {
        assertThat(matches("name eq null", blank)).isTrue();
        assertThat(matches("name ne null", contoso)).isTrue();
        assertThat(matches("name ne 'x'", blank)).isFalse();
        assertThat(matches("numberofemployees lt 5", blank)).isFalse();
    }

    @Test
    void honoursParenthesesOverAndBeforeOr() {
        assertThat(matches("name eq 'x' and numberofemployees eq 1 or creditonhold eq true", contoso)).isTrue();
        assertThat(matches("name eq 'x' and (numberofemployees eq 1 or creditonhold eq true)", contoso)).isFalse();
        assertThat(matches("not (name eq 'x')", contoso)).isTrue();
    }

    @Test
    void supportsContainsStartsWithAndEndsWith() {
        assertThat(matches("contains(name,'NTO')", contoso)).isTrue();
        assertThat(matches("startswith(name,'con') and endswith(name,'oso')", contoso)).isTrue();
        assertThat(matches("contains(name,'zzz')", contoso)).isFalse();
    }

    @Test
    void acceptsQuotesEscapedByDoubling() {
        Row quoted = row("O'Neil", null, null, null, null, null);
        assertThat(matches("name eq 'O''Neil'", quoted)).isTrue();
    }

    @Test
    void rejectsUnknownPropertiesAndMismatchedTypes() {
        assertThatThrownBy(() -> FilterExpression.parse(ACCOUNT, "nosuch eq 1"))
                .isInstanceOf(DataverseError.class).hasMessageContaining("Could not find a property named 'nosuch'");
        assertThatThrownBy(() -> FilterExpression.parse(ACCOUNT, "numberofemployees eq 'many'"))
                .isInstanceOf(DataverseError.class).extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> FilterExpression.parse(ACCOUNT, "name eq 'a' and"))
                .isInstanceOf(DataverseError.class);
    }

    private static boolean matches(String filter, Row row) {
        return FilterExpression.parse(ACCOUNT, filter).test(row);
    }

    private static Row row(String name, Integer employees, BigDecimal revenue, Boolean hold, Instant campaign,
                           UUID contact) {
        Object[] values = new Object[ACCOUNT.columns().size()];
        values[ACCOUNT.indexOf("name")] = name;
        values[ACCOUNT.indexOf("numberofemployees")] = employees;
        values[ACCOUNT.indexOf("revenue")] = revenue;
        values[ACCOUNT.indexOf("creditonhold")] = hold;
        values[ACCOUNT.indexOf("lastusedincampaign")] = campaign;
        values[ACCOUNT.indexOf("primarycontactid")] = contact == null ? null : new RecordRef("contact", contact);
        UUID id = UUID.randomUUID();
        values[ACCOUNT.primaryIdIndex()] = id;
        return new Row(id, 1, 1, values);
    }
}
