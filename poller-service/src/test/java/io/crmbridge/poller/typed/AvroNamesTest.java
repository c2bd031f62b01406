package io.crmbridge.poller.typed;

import java.util.List;

import io.crmbridge.crm.connection.ConnectionId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroNamesTest {

    @Test
    void keepsDataverseLogicalNames() {
        assertThat(AvroNames.valid("cr123_project")).isEqualTo("cr123_project");
        assertThat(AvroNames.valid("_ownerid_value")).isEqualTo("_ownerid_value");
    }

    @Test
    void escapesWhatAvroDoesNotAllow() {
        assertThat(AvroNames.valid("contoso-app")).isEqualTo("contoso_2dapp");
        assertThat(AvroNames.escaped("my_org")).isEqualTo("my__org");
        assertThat(AvroNames.escaped("1org")).isEqualTo("_31org");
        assertThat(AvroNames.escaped("zürich")).isEqualTo("z_c3_bcrich");
    }

    @Test
    void neverGivesTwoNamesOneEscape() {
        List<String> ids = List.of("a-b", "a_b", "a.b", "a_2db", "a__b", "a_-b", "a-_b", "ab", "_2db");

        assertThat(ids.stream().map(AvroNames::escaped).toList()).doesNotHaveDuplicates();
        ids.stream().map(AvroNames::escaped).forEach(name -> assertThat(name).matches("[A-Za-z_][A-Za-z0-9_]*"));
    }

    @Test
    void aTopicPrefixWithCharactersAvroNamesMayNotHoldIsEscapedSegmentBySegment() {
        assertThat(SchemaNames.underTopicPrefix("bench-typed", ConnectionId.of("contoso"), "account").value())
                .isEqualTo("bench_2dtyped.contoso.account.Value");
        assertThat(SchemaNames.underTopicPrefix("acme.crm", ConnectionId.of("contoso-app"), "account").namespace())
                .isEqualTo("acme.crm.contoso_2dapp.account");
    }
}
