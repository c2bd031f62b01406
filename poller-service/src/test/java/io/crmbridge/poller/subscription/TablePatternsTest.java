package io.crmbridge.poller.subscription;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TablePatternsTest {

    private final TablePatterns patterns = TablePatterns.of("contoso", List.of("account", "contact", "cr123_*"),
            List.of("*_audit"));

    @Test
    void matchesNamedTablesAndStarPatterns() {
        assertThat(patterns.matches("account")).isTrue();
        assertThat(patterns.matches("contact")).isTrue();
        assertThat(patterns.matches("cr123_project")).isTrue();
        assertThat(patterns.matches("cr123_")).as("* may stand for nothing").isTrue();
        assertThat(patterns.matches("lead")).isFalse();
        assertThat(patterns.matches("accounts")).as("a name is matched whole").isFalse();
        assertThat(patterns.matches("xcr123_project")).isFalse();
    }

    @Test
    void leavesOutWhatAnExcludePatternMatches() {
        assertThat(patterns.matches("cr123_audit")).isFalse();
        assertThat(patterns.matches("cr123_project_audit")).isFalse();
        assertThat(patterns.matches("cr123_auditor")).isTrue();
    }

    @Test
    void aQuestionMarkStandsForExactlyOneCharacter() {
        TablePatterns one = TablePatterns.of("contoso", List.of("cr12?_project"), List.of());

        assertThat(one.matches("cr123_project")).isTrue();
        assertThat(one.matches("cr12_project")).isFalse();
        assertThat(one.matches("cr1234_project")).isFalse();
    }

    @Test
    void ignoresCase() {
        TablePatterns upper = TablePatterns.of("contoso", List.of("CR123_*", "Account"), List.of("*_AUDIT"));

        assertThat(upper.matches("cr123_project")).isTrue();
        assertThat(upper.matches("account")).isTrue();
        assertThat(upper.matches("CR123_Project")).isTrue();
        assertThat(upper.matches("cr123_audit")).isFalse();
    }

    @Test
    void takesNoOtherCharacterAsALiteralOrARegularExpression() {
        TablePatterns dotted = TablePatterns.of("contoso", List.of("cr123_?roject"), List.of());

        assertThat(dotted.matches("cr123_project")).isTrue();
        assertThatThrownBy(() -> TablePatterns.of("contoso", List.of("cr123_.*"), List.of()))
                .hasMessageContaining("'cr123_.*' is not a table pattern");
    }

    @Test
    void withoutIncludePatternsMatchesNothing() {
        TablePatterns none = TablePatterns.of("contoso", List.of(), List.of());

        assertThat(none.any()).isFalse();
        assertThat(none.matches("account")).isFalse();
        assertThat(TablePatterns.NONE.matches("account")).isFalse();
    }

    @Test
    void namesEveryPatternThatIsNotOne() {
        assertThatThrownBy(() -> TablePatterns.of("contoso", List.of("account", "cr123-*", " "), List.of("a/b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crmbridge.poller.connections.contoso.include[1] 'cr123-*' is not a table"
                        + " pattern")
                .hasMessageContaining("crmbridge.poller.connections.contoso.include[2] ' ' is not a table pattern")
                .hasMessageContaining("crmbridge.poller.connections.contoso.exclude[0] 'a/b' is not a table pattern");
    }

    @Test
    void refusesExcludePatternsWithoutIncludePatterns() {
        assertThatThrownBy(() -> TablePatterns.of("contoso", List.of(), List.of("*_audit")))
                .hasMessageContaining("crmbridge.poller.connections.contoso.exclude [*_audit] excludes from nothing");
    }
}
