package io.crmbridge.crm.failure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads Dataverse error responses: the JSON body {@code {"error":{"code":"0x..","message":".."}}} and the
 * {@code Retry-After} header (seconds, or an HTTP date). Bodies that are not Dataverse JSON (a gateway's HTML 502)
 * keep a short excerpt as the message.
 */
public final class ErrorBodies {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int EXCERPT = 200;

    private ErrorBodies() {
    }

    /** The error a response with {@code status}, {@code body} and {@code Retry-After} header describes. */
    public static DataverseError parse(int status, byte[] body, String retryAfterHeader, Instant now) {
        Optional<Duration> retryAfter = retryAfter(retryAfterHeader, now);
        if (body == null || body.length == 0) {
            return new DataverseError(status, "", "", retryAfter);
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            String[] codeAndMessage = read(parser);
            if (codeAndMessage != null) {
                return new DataverseError(status, codeAndMessage[0], codeAndMessage[1], retryAfter);
            }
        } catch (JacksonException e) {
            // Not JSON: fall through to the excerpt.
        }
        return new DataverseError(status, "", excerpt(body), retryAfter);
    }

    /** {@code Retry-After} as a duration: delta-seconds or an HTTP date; empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String[] read(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("error".equals(name) && value == JsonToken.START_OBJECT) {
                return codeAndMessage(parser);
            }
            parser.skipChildren();
        }
        return null;
    }

    private static String[] codeAndMessage(JsonParser parser) {
        String[] result = {"", ""};
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && "code".equals(name)) {
                result[0] = parser.getString();
            } else if (value == JsonToken.VALUE_STRING && "message".equals(name)) {
                result[1] = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        return result;
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8).strip();
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    }
}
