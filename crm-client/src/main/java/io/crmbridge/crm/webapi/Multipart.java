package io.crmbridge.crm.webapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.crm.record.MalformedResponse;

/**
 * Reading {@code multipart/mixed} bodies (RFC 2046 as OData's {@code $batch} uses it): the boundary of a
 * Content-Type, the parts between boundary lines, and a part's headers and content. CRLF or bare LF line ends.
 * Works on ISO-8859-1 text, where each char is one byte, so contents convert back to their exact bytes.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";,]+)\"?", Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    static String boundary(String contentType) {
        Matcher matcher = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!matcher.find()) {
            throw new MalformedResponse("a $batch response without a multipart boundary: '" + contentType + "'");
        }
        return matcher.group(1).trim();
    }

    /** The contents between {@code --boundary} lines, up to {@code --boundary--}. */
    static List<String> parts(String body, String boundary) {
        String delimiter = "--" + boundary;
        List<String> parts = new ArrayList<>();
        int start = delimiterAt(body, delimiter, 0);
        while (start >= 0) {
            int after = start + delimiter.length();
            if (body.startsWith("--", after)) {
                return parts;
            }
            int contentStart = body.indexOf('\n', after);
            int next = delimiterAt(body, delimiter, after);
            if (contentStart < 0 || next < 0) {
                break;
            }
            parts.add(withoutFinalLineBreak(body.substring(contentStart + 1, next)));
            start = next;
        }
        throw new MalformedResponse("a $batch response without its closing boundary '" + delimiter + "--'");
    }

    private static int delimiterAt(String body, String delimiter, int from) {
        int index = body.indexOf(delimiter, from);
        while (index > 0 && body.charAt(index - 1) != '\n') {
            index = body.indexOf(delimiter, index + 1);
        }
        return index;
    }

    private static String withoutFinalLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Header lines, a blank line, content; an inner HTTP message starts with its status or request line. */
    record Entity(String firstLine, Map<String, String> headers, String content) {

        static Entity of(String text) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String firstLine = null;
            int position = 0;
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
                if (firstLine == null && headers.isEmpty() && line.startsWith("HTTP/")) {
                    firstLine = line;
                } else if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return new Entity(firstLine == null ? "" : firstLine, headers, text.substring(position));
        }
    }
}
