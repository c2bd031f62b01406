package io.crmbridge.sandbox.dataverse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code $batch} body (reference §4.1, OData 4.0 §11.7): {@code multipart/mixed} parts, each an
 * {@code application/http} request or a change set (a nested {@code multipart/mixed} whose parts may carry a
 * {@code Content-ID}). Accepts CRLF or bare LF line ends and quoted or bare boundaries.
 */
record BatchRequest(List<Item> items) {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    /** A top-level batch item. */
    sealed interface Item {
    }

    /** One inner request; {@code url} as written (absolute, relative or starting with a {@code $n} reference). */
    record Operation(String contentId, String method, String url, Map<String, String> headers, byte[] body)
            implements Item {
    }

    record ChangeSet(List<Operation> operations) implements Item {
    }

    /** Number of requests, counting each operation of a change set. */
    int size() {
        return items.stream().mapToInt(item -> item instanceof ChangeSet set ? set.operations().size() : 1).sum();
    }

    static BatchRequest parse(String contentType, byte[] body) {
        String boundary = boundary(contentType);
        List<Item> items = new ArrayList<>();
        for (String part : parts(new String(body, StandardCharsets.UTF_8), boundary)) {
            Entity entity = Entity.of(part);
            String type = entity.headers().getOrDefault("Content-Type", "");
            if (type.toLowerCase().startsWith("multipart/mixed")) {
                List<Operation> operations = new ArrayList<>();
                for (String inner : parts(entity.content(), boundary(type))) {
                    Entity operation = Entity.of(inner);
                    operations.add(operation(operation));
                }
                items.add(new ChangeSet(operations));
            } else {
                items.add(operation(entity));
            }
        }
        return new BatchRequest(items);
    }

    static String boundary(String contentType) {
        Matcher matcher = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/mixed") || !matcher.find()) {
            throw DataverseError.badRequest("The batch request must have a multipart/mixed Content-Type with a "
                    + "boundary.");
        }
        return matcher.group(1).trim();
    }

    /** The bodies between {@code --boundary} delimiter lines, up to {@code --boundary--}. */
    private static List<String> parts(String body, String boundary) {
        String delimiter = "--" + boundary;
        List<String> parts = new ArrayList<>();
        int start = lineStart(body, delimiter, 0);
        if (start < 0) {
            throw DataverseError.badRequest("The batch body does not contain the boundary '" + boundary + "'.");
        }
        while (true) {
            int afterDelimiter = start + delimiter.length();
            if (body.startsWith("--", afterDelimiter)) {
                return parts;
            }
            int contentStart = body.indexOf('\n', afterDelimiter);
            int next = lineStart(body, delimiter, afterDelimiter);
            if (contentStart < 0 || next < 0) {
                throw DataverseError.badRequest("The batch body is missing its closing boundary '" + delimiter
                        + "--'.");
            }
            parts.add(trimLineEnd(body.substring(contentStart + 1, next)));
            start = next;
        }
    }

    private static int lineStart(String body, String delimiter, int from) {
        int index = body.indexOf(delimiter, from);
        while (index > 0 && body.charAt(index - 1) != '\n') {
            index = body.indexOf(delimiter, index + 1);
        }
        return index;
    }

    /** Drops the line break that belongs to the following delimiter. */
    private static String trimLineEnd(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static Operation operation(Entity part) {
        Entity http = Entity.of(part.content());
        // METHOD URL HTTP/1.1, where a lenient client may have left spaces in the URL.
        String line = http.firstLine().trim();
        int methodEnd = line.indexOf(' ');
        int versionStart = line.lastIndexOf(" HTTP/");
        if (methodEnd < 0 || versionStart <= methodEnd) {
            throw DataverseError.badRequest("The batch part does not start with a request line: '" + line + "'.");
        }
        String body = http.content();
        return new Operation(part.headers().get("Content-ID"), line.substring(0, methodEnd).toUpperCase(),
                line.substring(methodEnd + 1, versionStart).trim(), http.headers(),
                body.isBlank() ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Header lines, a blank line, content; for an inner HTTP request the first line is the request line. */
    private record Entity(String firstLine, Map<String, String> headers, String content) {

        static Entity of(String text) {
            Map<String, String> headers = ApiRequest.headerMap();
            int position = 0;
            String firstLine = null;
            while (position < text.length()) {
                int end = text.indexOf('\n', position);
                String line = (end < 0 ? text.substring(position) : text.substring(position, end)).replace("\r", "");
                position = end < 0 ? text.length() : end + 1;
                if (line.isEmpty()) {
                    if (firstLine == null && headers.isEmpty()) {
                        continue;
                    }
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && !line.contains(" HTTP/")) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                } else if (firstLine == null && headers.isEmpty()) {
                    firstLine = line;
                }
            }
            return new Entity(firstLine == null ? "" : firstLine, headers, text.substring(position));
        }
    }
}
