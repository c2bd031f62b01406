package io.crmbridge.crm.webapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a {@link Batch} as the {@code multipart/mixed} body of {@code POST $batch} (reference §4.1): each request
 * an {@code application/http} part, change sets nested with Content-IDs, CRLF line ends, relative URLs made
 * absolute (except {@code $n} references).
 *
 * @param contentType the outer Content-Type, with its boundary
 * @param body        the encoded body
 */
record BatchRequestBody(String contentType, byte[] body) {

    private static final String CRLF = "\r\n";

    static BatchRequestBody of(Batch batch, String apiBase) {
        String boundary = "batch_" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * batch.size());
        int contentId = 0;
        for (Batch.Item item : batch.items()) {
            text(out, "--" + boundary + CRLF);
            if (item instanceof Batch.Single single) {
                request(out, single.request(), null, apiBase);
                continue;
            }
            String changeSet = "changeset_" + UUID.randomUUID();
            text(out, "Content-Type: multipart/mixed; boundary=" + changeSet + CRLF + CRLF);
            for (WebApiRequest request : ((Batch.ChangeSet) item).requests()) {
                text(out, "--" + changeSet + CRLF);
                request(out, request, String.valueOf(++contentId), apiBase);
            }
            text(out, "--" + changeSet + "--" + CRLF);
        }
        text(out, "--" + boundary + "--" + CRLF);
        return new BatchRequestBody("multipart/mixed; boundary=" + boundary, out.toByteArray());
    }

    private static void request(ByteArrayOutputStream out, WebApiRequest request, String contentId, String apiBase) {
        text(out, "Content-Type: application/http" + CRLF + "Content-Transfer-Encoding: binary" + CRLF);
        if (contentId != null) {
            text(out, "Content-ID: " + contentId + CRLF);
        }
        String url = request.isAbsolute() || request.url().startsWith("$") ? request.url()
                : apiBase + "/" + request.url();
        text(out, CRLF + request.method() + " " + url + " HTTP/1.1" + CRLF);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            // Inner JSON bodies are entries (reference §4.1).
            String value = header.getKey().equalsIgnoreCase("Content-Type")
                    && header.getValue().equals("application/json") ? "application/json; type=entry"
                    : header.getValue();
            text(out, header.getKey() + ": " + value + CRLF);
        }
        text(out, CRLF);
        if (request.body() != null) {
            out.writeBytes(request.body());
        }
        text(out, CRLF);
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
