package io.crmbridge.crm.webapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.crm.record.MalformedResponse;

/**
 * Reads the {@code multipart/mixed} answer to a {@code $batch} (reference §4.3) and lines its parts up with the
 * batch's requests: one part per single request, a nested part per change set (or one error part for a failed
 * change set), and, for a batch that stopped without continue-on-error, only the failing part.
 */
final class BatchResponseBody {

    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d\\.\\d\\s+(\\d{3}).*$");

    private BatchResponseBody() {
    }

    /** A top-level answer: one response, or a change set's responses. */
    private record Item(List<WebApiResponse> responses, boolean changeSet) {
    }

    static BatchResponse read(Batch batch, WebApiResponse response) {
        List<Item> answered = items(response.header("Content-Type").orElse(""), response.body());
        if (response.status() != 200) {
            return stopped(batch, response.status(), answered);
        }
        Iterator<Item> answers = answered.iterator();
        List<BatchPart> parts = new ArrayList<>(batch.size());
        for (Batch.Item item : batch.items()) {
            Item answer = answers.hasNext() ? answers.next() : null;
            List<WebApiRequest> requests = item instanceof Batch.Single single ? List.of(single.request())
                    : ((Batch.ChangeSet) item).requests();
            for (int i = 0; i < requests.size(); i++) {
                parts.add(new BatchPart(parts.size(), requests.get(i), answerFor(answer, i)));
            }
        }
        return new BatchResponse(response.status(), parts, Optional.empty());
    }

    /**
     * Without continue-on-error Dataverse stops at the first failure and answers only that part: which request it
     * belongs to cannot be told, and the requests before it ran.
     */
    private static BatchResponse stopped(Batch batch, int status, List<Item> answered) {
        List<BatchPart> unknown = new ArrayList<>(batch.size());
        List<WebApiRequest> requests = batch.requests();
        for (int i = 0; i < requests.size(); i++) {
            unknown.add(new BatchPart(i, requests.get(i), Optional.empty()));
        }
        Optional<WebApiResponse> failed = answered.isEmpty() ? Optional.empty()
                : Optional.of(answered.get(0).responses().get(0));
        return new BatchResponse(status, unknown, failed);
    }

    private static Optional<WebApiResponse> answerFor(Item answer, int position) {
        if (answer == null) {
            return Optional.empty();
        }
        if (!answer.changeSet() || answer.responses().size() == 1) {
            // A failed change set may be answered with one part for all its requests.
            return Optional.of(answer.responses().get(0));
        }
        return position < answer.responses().size() ? Optional.of(answer.responses().get(position))
                : Optional.empty();
    }

    private static List<Item> items(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<Item> items = new ArrayList<>();
        for (String part : Multipart.parts(text, Multipart.boundary(contentType))) {
            Multipart.Entity entity = Multipart.Entity.of(part);
            String type = entity.headers().getOrDefault("Content-Type", "");
            if (type.toLowerCase().startsWith("multipart/mixed")) {
                List<WebApiResponse> responses = new ArrayList<>();
                for (String inner : Multipart.parts(entity.content(), Multipart.boundary(type))) {
                    responses.add(response(Multipart.Entity.of(inner)));
                }
                items.add(new Item(responses, true));
            } else {
                items.add(new Item(List.of(response(entity)), false));
            }
        }
        return items;
    }

    private static WebApiResponse response(Multipart.Entity part) {
        Multipart.Entity http = Multipart.Entity.of(part.content());
        Matcher status = STATUS_LINE.matcher(http.firstLine());
        if (!status.matches()) {
            throw new MalformedResponse("a $batch part without an HTTP status line: '" + http.firstLine() + "'");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(http.headers());
        part.headers().computeIfPresent("Content-ID", (name, id) -> headers.put("Content-ID", id));
        return new WebApiResponse(Integer.parseInt(status.group(1)), headers,
                http.content().getBytes(StandardCharsets.ISO_8859_1));
    }
}
