package io.crmbridge.crm.webapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchBodyTest {

    private static final String API = "https://org.example/api/data/v9.2";

    private final Batch batch = Batch.builder()
            .add(WebApiRequest.get("accounts?$select=name"))
            .changeSet(List.of(
                    WebApiRequest.json("POST", "contacts", "{\"lastname\":\"Ödön\"}"),
                    WebApiRequest.json("PATCH", "$1", "{\"firstname\":\"A\"}").withHeader("If-Match", "*")))
            .add(WriteRequests.delete(RecordAddress.byId("accounts", "00000000-0000-0000-0000-000000000001"), null))
            .build();

    @Test
    void writesTheDocumentedMultipartRequest() {
        BatchRequestBody encoded = BatchRequestBody.of(batch, API);
        String boundary = Multipart.boundary(encoded.contentType());
        String body = new String(encoded.body(), StandardCharsets.UTF_8);

        assertThat(encoded.contentType()).startsWith("multipart/mixed; boundary=batch_");
        assertThat(body).startsWith("--" + boundary + "\r\nContent-Type: application/http\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\nGET " + API + "/accounts?$select=name HTTP/1.1\r\n");
        assertThat(body).containsPattern("Content-Type: multipart/mixed; boundary=changeset_[0-9a-f-]+\r\n\r\n"
                + "--changeset_[0-9a-f-]+\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-ID: 1\r\n\r\nPOST " + API + "/contacts HTTP/1.1\r\n"
                + "Content-Type: application/json; type=entry\r\n\r\n\\{\"lastname\":\"Ödön\"}\r\n");
        assertThat(body).contains("Content-ID: 2\r\n\r\nPATCH $1 HTTP/1.1\r\n");
        assertThat(body).contains("If-Match: *\r\n");
        assertThat(body).contains("DELETE " + API + "/accounts(00000000-0000-0000-0000-000000000001) HTTP/1.1");
        assertThat(body).endsWith("--" + boundary + "--\r\n");
    }

    @Test
    void linesUpEveryAnsweredPartWithItsRequest() {
        String response = """
                --batchresponse_1\r
                Content-Type: application/http\r
                Content-Transfer-Encoding: binary\r
                \r
                HTTP/1.1 200 OK\r
                Content-Type: application/json; odata.metadata=minimal; odata.streaming=true\r
                OData-Version: 4.0\r
                \r
                {"value":[{"accountid":"a","name":"Zoë"}]}\r
                --batchresponse_1\r
                Content-Type: multipart/mixed; boundary=changesetresponse_2\r
                \r
                --changesetresponse_2\r
                Content-Type: application/http\r
                Content-Transfer-Encoding: binary\r
                Content-ID: 1\r
                \r
                HTTP/1.1 204 No Content\r
                OData-Version: 4.0\r
                Location: https://org.example/api/data/v9.2/contacts(7eb682f1-ca75-e511-80d4-00155d2a68d1)\r
                OData-EntityId: https://org.example/api/data/v9.2/contacts(7eb682f1-ca75-e511-80d4-00155d2a68d1)\r
                \r
                \r
                --changesetresponse_2\r
                Content-Type: application/http\r
                Content-Transfer-Encoding: binary\r
                Content-ID: 2\r
                \r
                HTTP/1.1 204 No Content\r
                OData-Version: 4.0\r
                \r
                \r
                --changesetresponse_2--\r
                --batchresponse_1\r
                Content-Type: application/http\r
                Content-Transfer-Encoding: binary\r
                \r
                HTTP/1.1 404 Not Found\r
                REQ_ID: 5dc8ff0d-8f36-4d54-b1a5-ad2c8ed28de7\r
                Content-Type: application/json; odata.metadata=minimal\r
                \r
                {"error":{"code":"0x80040217","message":"account With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist"}}\r
                --batchresponse_1--\r
                """;

        BatchResponse decoded = BatchResponseBody.read(batch, answer(200, response));

        assertThat(decoded.parts()).hasSize(4);
        assertThat(decoded.parts().get(0).response().orElseThrow().bodyText())
                .isEqualTo("{\"value\":[{\"accountid\":\"a\",\"name\":\"Zoë\"}]}");
        WriteResponse created = WriteResponse.of(decoded.parts().get(1).response().orElseThrow());
        assertThat(created.status()).isEqualTo(204);
        assertThat(created.id()).contains("7eb682f1-ca75-e511-80d4-00155d2a68d1");
        assertThat(decoded.parts().get(1).response().orElseThrow().header("Content-ID")).contains("1");
        assertThat(decoded.parts().get(2).succeeded()).isTrue();
        BatchPart missing = decoded.parts().get(3);
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.error().orElseThrow().code()).isEqualTo("0x80040217");
        assertThat(missing.index()).isEqualTo(3);
        assertThat(decoded.allSucceeded()).isFalse();
    }

    @Test
    void givesEveryRequestOfAFailedChangeSetTheOneErrorPartThatAnsweredIt() {
        String response = """
                --b\r
                Content-Type: application/http\r
                \r
                HTTP/1.1 200 OK\r
                \r
                {"value":[]}\r
                --b\r
                Content-Type: application/http\r
                \r
                HTTP/1.1 400 Bad Request\r
                \r
                {"error":{"code":"0x80044331","message":"A validation error occurred."}}\r
                --b\r
                Content-Type: application/http\r
                \r
                HTTP/1.1 204 No Content\r
                \r
                \r
                --b--\r
                """;

        BatchResponse decoded = BatchResponseBody.read(batch, answer(200, response));

        assertThat(decoded.parts().get(1).error().orElseThrow().code()).isEqualTo("0x80044331");
        assertThat(decoded.parts().get(2).error().orElseThrow().code()).isEqualTo("0x80044331");
        assertThat(decoded.parts().get(3).succeeded()).isTrue();
    }

    @Test
    void reportsTheFailingPartOfABatchThatStoppedWithoutPretendingToKnowItsRequest() {
        String response = "--b\nContent-Type: application/http\n\nHTTP/1.1 404 Not Found\n\n"
                + "{\"error\":{\"code\":\"0x80040217\",\"message\":\"gone\"}}\n--b--\n";

        BatchResponse decoded = BatchResponseBody.read(batch, answer(400, response));

        assertThat(decoded.status()).isEqualTo(400);
        assertThat(decoded.stoppedBy().orElseThrow().status()).isEqualTo(404);
        assertThat(decoded.parts()).hasSize(4).noneMatch(BatchPart::executed);
        assertThat(decoded.allSucceeded()).isFalse();
    }

    @Test
    void refusesABodyWithoutItsClosingBoundary() {
        assertThatThrownBy(() -> BatchResponseBody.read(batch, answer(200, "--b\r\nContent-Type: application/http\r\n")))
                .hasMessageContaining("closing boundary");
    }

    @Test
    void refusesMoreThanAThousandRequestsAndGetsInsideChangeSets() {
        Batch.Builder full = Batch.builder();
        for (int i = 0; i < Batch.MAX_REQUESTS; i++) {
            full.add(WebApiRequest.get("accounts"));
        }
        assertThatThrownBy(() -> full.add(WebApiRequest.get("accounts"))).hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> Batch.builder().changeSet(List.of(WebApiRequest.get("accounts"))))
                .hasMessageContaining("GET is not allowed");
    }

    private static WebApiResponse answer(int status, String body) {
        return new WebApiResponse(status, Map.of("Content-Type", "multipart/mixed; boundary=" + (body.startsWith(
                "--batchresponse_1") ? "batchresponse_1" : "b")), body.getBytes(StandardCharsets.UTF_8));
    }
}
