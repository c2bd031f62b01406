package io.crmbridge.poller.tracking;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnsChangeTest {

    @Test
    void namesTheColumnsThatAppearedAndDisappearedSorted() {
        ColumnsChange change = ColumnsChange.between(Set.of("name", "revenue", "fax"),
                Set.of("name", "revenue", "cr123_tier", "cr123_region"));

        assertThat(change.added()).containsExactly("cr123_region", "cr123_tier");
        assertThat(change.removed()).containsExactly("fax");
        assertThat(change.none()).isFalse();
        assertThat(ColumnsChange.between(Set.of("name"), Set.of("name")).none()).isTrue();
    }
}
