package io.crmbridge.sandbox.dataverse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRequestTest {

    /** The "Reference URIs in request body" request of the batch page, with its bare boundary. */
    private static final String CHANGE_SET = """
            --batch_AAA123
            Content-Type: multipart/mixed; boundary=changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab

            --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab
            Content-Type: application/http
            Content-Transfer-Encoding: binary
            Content-ID: 1

            POST [Organization URI]/api/data/v9.2/leads HTTP/1.1
            Content-Type: application/json

            {
                "firstname":"first name",
                "lastname":"last name"
            }

            --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab
            Content-Type:application/http
            Content-Transfer-Encoding:binary
            Content-ID:2

            POST [Organization URI]/api/data/v9.2/contacts HTTP/1.1
            Content-Type: application/json

            {"firstname":"first name"}

            --changeset_dd81ccab-11ce-4d57-b91d-12c4e25c3cab--
            --batch_AAA123
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            GET /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject HTTP/1.1


            --batch_AAA123--
            """;

    @Test
    void parsesChangeSetsWithContentIdsAndPlainRequests() {
        BatchRequest batch = BatchRequest.parse("multipart/mixed;boundary=batch_AAA123", crlf(CHANGE_SET));
        assertThat(batch.items()).hasSize(2);
        BatchRequest.ChangeSet changeSet = (BatchRequest.ChangeSet) batch.items().get(0);
        assertThat(changeSet.operations()).extracting(BatchRequest.Operation::contentId).containsExactly("1", "2");
        BatchRequest.Operation lead = changeSet.operations().get(0);
        assertThat(lead.method()).isEqualTo("POST");
        assertThat(lead.url()).isEqualTo("[Organization URI]/api/data/v9.2/leads");
        assertThat(new String(lead.body(), StandardCharsets.UTF_8)).contains("\"lastname\":\"last name\"");
        assertThat(lead.headers()).containsEntry("Content-Type", "application/json");
        BatchRequest.Operation get = (BatchRequest.Operation) batch.items().get(1);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.url()).endsWith("/Account_Tasks?$select=subject");
        assertThat(get.body()).isEmpty();
        assertThat(batch.size()).isEqualTo(3);
    }

    @Test
    void acceptsBareLineFeedsAndQuotedBoundaries() {
        String body = """
                --batch_x
                Content-Type: application/http
                Content-Transfer-Encoding: binary

                DELETE /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001) HTTP/1.1


                --batch_x--
                """;
        BatchRequest batch = BatchRequest.parse("multipart/mixed; boundary=\"batch_x\"",
                body.getBytes(StandardCharsets.UTF_8));
        BatchRequest.Operation delete = (BatchRequest.Operation) batch.items().get(0);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.url()).isEqualTo("/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)");
    }

    @Test
    void keepsABodyThatContainsTheWordBoundaryInsideALine() {
        String body = "--b\r\nContent-Type: application/http\r\n\r\nPOST /api/data/v9.2/accounts HTTP/1.1\r\n"
                + "Content-Type: application/json\r\n\r\n{\"name\":\"x --b y\"}\r\n--b--\r\n";
        BatchRequest.Operation post = (BatchRequest.Operation) BatchRequest.parse("multipart/mixed; boundary=b",
                body.getBytes(StandardCharsets.UTF_8)).items().get(0);
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"x --b y\"}");
    }

    @Test
    void refusesABodyWithoutBoundaryOrTerminator() {
        assertThatThrownBy(() -> BatchRequest.parse("application/json", new byte[0]))
                .isInstanceOf(DataverseError.class).hasMessageContaining("multipart/mixed");
        assertThatThrownBy(() -> BatchRequest.parse("multipart/mixed; boundary=b",
                "--b\r\nContent-Type: application/http\r\n\r\nGET /x HTTP/1.1\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataverseError.class).hasMessageContaining("closing boundary");
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
