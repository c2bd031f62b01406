package io.crmbridge.sandbox.dataverse;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingCookieTest {

    @Test
    void survivesTheRoundTripThroughANextLink() {
        UUID first = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        PagingCookie cookie = PagingCookie.first().withSnapshot(4711, 1_700_000_000L, 4000)
                .next(first, last, 5000).inPhase(1, 4500);
        String encoded = cookie.encode("accountid");
        assertThat(PagingCookie.decode(ApiRequest.decode(encoded))).isEqualTo(cookie);
    }

    @Test
    void looksLikeDataversesXmlPagingCookie() {
        String decoded = ApiRequest.decode(PagingCookie.first().next(UUID.randomUUID(), UUID.randomUUID(), 2)
                .encode("accountid"));
        assertThat(decoded).matches("<cookie pagenumber=\"2\" pagingcookie=\"%253Ccookie.*\" istracking=\"False\" />");
    }

    @Test
    void rejectsATamperedCookie() {
        assertThatThrownBy(() -> PagingCookie.decode("<cookie pagenumber=\"2\" />"))
                .isInstanceOf(DataverseError.class).hasMessageContaining("paging cookie");
    }
}
