package io.crmbridge.sandbox.dataverse;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaTokenTest {

    @Test
    void readsTheDocumentedTokenForm() {
        assertThat(DeltaToken.parse("919042!08/22/2017 08:10:44"))
                .contains(new DeltaToken(919042, Instant.parse("2017-08-22T08:10:44Z")));
    }

    @Test
    void writesVersionBangTimestampAndEncodesItAsTheDocumentedDeltaLinkDoes() {
        DeltaToken token = new DeltaToken(919058, Instant.parse("2017-08-22T08:21:20.123Z"));
        assertThat(token.toString()).isEqualTo("919058!08/22/2017 08:21:20");
        assertThat(token.urlEncoded()).isEqualTo("919058%2108%2f22%2f2017%2008%3a21%3a20");
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(DeltaToken.parse("919042")).isEmpty();
        assertThat(DeltaToken.parse("abc!08/22/2017 08:10:44")).isEmpty();
        assertThat(DeltaToken.parse("919042!2017-08-22")).isEmpty();
        assertThat(DeltaToken.parse("-5!08/22/2017 08:10:44")).isEmpty();
    }
}
