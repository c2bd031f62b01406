package io.crmbridge.sandbox.dataverse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * Writes a {@code $batch} response exactly as the reference shows it (§4.3): a {@code batchresponse_<guid>}
 * boundary, change sets nested under {@code changesetresponse_<guid>} with their Content-IDs, and each part a full
 * HTTP response ({@code HTTP/1.1 204 No Content}, {@code OData-Version}, {@code Location}, {@code OData-EntityId};
 * GET parts with their JSON body; error parts with {@code REQ_ID}).
 */
final class BatchResponse {

    private static final String CRLF = "\r\n";

    /** A part of the response: one answered operation, or a change set's answers. */
    sealed interface Part {
    }

    record Answer(String contentId, ApiResponse response) implements Part {
    }

    record ChangeSetAnswers(List<Answer> answers) implements Part {
    }

    private final String boundary = "batchresponse_" + UUID.randomUUID();

    String contentType() {
        return "multipart/mixed; boundary=" + boundary;
    }

    ApiResponse.Body body(List<Part> parts) {
        return new ApiResponse.Body() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                write(out, parts);
            }

            @Override
            public int sizeHint() {
                return 512 * Math.max(1, parts.size());
            }
        };
    }

    private void write(OutputStream out, List<Part> parts) throws IOException {
        for (Part part : parts) {
            ascii(out, "--" + boundary + CRLF);
            if (part instanceof Answer answer) {
                answer(out, answer);
            } else {
                String changeSet = "changesetresponse_" + UUID.randomUUID();
                ascii(out, "Content-Type: multipart/mixed; boundary=" + changeSet + CRLF + CRLF);
                for (Answer answer : ((ChangeSetAnswers) part).answers()) {
                    ascii(out, "--" + changeSet + CRLF);
                    answer(out, answer);
                }
                ascii(out, "--" + changeSet + "--" + CRLF);
            }
        }
        ascii(out, "--" + boundary + "--" + CRLF);
    }

    private static void answer(OutputStream out, Answer answer) throws IOException {
        ApiResponse response = answer.response();
        StringBuilder head = new StringBuilder("Content-Type: application/http" + CRLF
                + "Content-Transfer-Encoding: binary" + CRLF);
        if (answer.contentId() != null) {
            head.append("Content-ID: ").append(answer.contentId()).append(CRLF);
        }
        head.append(CRLF).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append(CRLF);
        headers(head, response);
        head.append(CRLF);
        ascii(out, head.toString());
        if (response.body() != null) {
            response.body().writeTo(out);
            ascii(out, CRLF);
        } else {
            ascii(out, CRLF);
        }
    }

    /** Headers in the order Dataverse writes them. */
    private static void headers(StringBuilder head, ApiResponse response) {
        Map<String, String> headers = response.headers();
        if (response.failed()) {
            head.append("REQ_ID: ").append(UUID.randomUUID()).append(CRLF);
        }
        String contentType = headers.get("Content-Type");
        if (contentType != null) {
            boolean streaming = !response.failed() && contentType.equals(ApiResponse.JSON);
            head.append("Content-Type: ").append(streaming ? contentType + "; odata.streaming=true" : contentType)
                    .append(CRLF);
        }
        head.append("OData-Version: 4.0").append(CRLF);
        String entity = headers.get("OData-EntityId");
        if (entity != null) {
            head.append("Location: ").append(entity).append(CRLF);
            head.append("OData-EntityId: ").append(entity).append(CRLF);
        }
        headers.forEach((name, value) -> {
            if (!List.of("Content-Type", "OData-Version", "OData-EntityId").contains(name)) {
                head.append(name).append(": ").append(value).append(CRLF);
            }
        });
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "" : known.getReasonPhrase();
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
