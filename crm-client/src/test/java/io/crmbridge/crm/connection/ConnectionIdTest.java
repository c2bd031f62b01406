package io.crmbridge.crm.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionIdTest {

    private static final String ALPHABET_PROBLEM =
            "id must be 1 to 64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";

    @ParameterizedTest
    @ValueSource(strings = {"contoso", "c", "Contoso-Prod_2.eu", "0day"})
    void definesIdsOfTheNarrowAlphabet(String value) {
        assertThat(ConnectionId.problem(value)).isEmpty();
        assertThat(ConnectionId.defined(value).value()).isEqualTo(value);
    }

    @Test
    void definesIdsOfUpTo64Characters() {
        assertThat(ConnectionId.problem("a".repeat(64))).isEmpty();
        assertThat(ConnectionId.problem("a".repeat(65))).contains(ALPHABET_PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-leading-dash", ".hidden", "_x", "has space", "slash/inside", "ümlaut", "semi;colon"})
    void refusesToDefineIdsOutsideTheAlphabet(String value) {
        assertThat(ConnectionId.problem(value)).contains(ALPHABET_PROBLEM);
        assertThatThrownBy(() -> ConnectionId.defined(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ALPHABET_PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void requiresAnIdToDefine(String value) {
        assertThat(ConnectionId.problem(value)).contains("id is required");
        assertThat(ConnectionId.problem(null)).contains("id is required");
        assertThatThrownBy(() -> ConnectionId.defined(value)).hasMessage("id is required");
        assertThatThrownBy(() -> ConnectionId.defined(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/inside", "-leading-dash", "ümlaut"})
    void refersToAnyNonBlankId(String value) {
        assertThat(ConnectionId.of(value).value()).isEqualTo(value);
        assertThat(ConnectionId.of(value)).hasToString(value);
    }

    @Test
    void refusesToReferToABlankId() {
        assertThatThrownBy(() -> ConnectionId.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a connection id must not be blank");
        assertThatThrownBy(() -> ConnectionId.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aDefinedIdEqualsAReferenceToIt() {
        assertThat(ConnectionId.defined("contoso")).isEqualTo(ConnectionId.of("contoso"));
    }
}
