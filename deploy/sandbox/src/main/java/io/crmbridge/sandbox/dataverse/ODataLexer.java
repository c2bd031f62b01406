package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits OData expressions ({@code $filter}, key predicates) into tokens. Literals become Java values:
 * {@code 'text'} a String ({@code ''} escapes a quote), numbers a BigDecimal, bare GUIDs a UUID, bare
 * date-times and dates an Instant.
 */
final class ODataLexer {

    enum Kind { NAME, LITERAL, OPEN, CLOSE, COMMA, EQUALS, END }

    record Token(Kind kind, String text, Object value, int position) {
    }

    /** The literal {@code null}, kept apart from "no value". */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[mMdDlLfF]?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$@][A-Za-z0-9_.$@]*");

    private ODataLexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',' || c == '=') {
                Kind kind = c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : c == ',' ? Kind.COMMA : Kind.EQUALS;
                tokens.add(new Token(kind, String.valueOf(c), null, i));
                i++;
            } else if (c == '\'') {
                i = quoted(text, i, tokens);
            } else {
                i = bare(text, i, tokens);
            }
        }
        tokens.add(new Token(Kind.END, "", null, text.length()));
        return tokens;
    }

    private static int quoted(String text, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                tokens.add(new Token(Kind.LITERAL, text.substring(start, i + 1), value.toString(), start));
                return i + 1;
            }
            value.append(c);
            i++;
        }
        throw DataverseError.badRequest("Syntax error: unterminated string literal at position " + start + " in '"
                + text + "'.");
    }

    private static int bare(String text, int start, List<Token> tokens) {
        for (Pattern pattern : List.of(GUID, DATE_TIME, NUMBER, NAME)) {
            Matcher matcher = pattern.matcher(text).region(start, text.length());
            if (matcher.lookingAt() && boundary(text, matcher.end())) {
                String word = matcher.group();
                tokens.add(token(pattern, word, start));
                return matcher.end();
            }
        }
        throw DataverseError.badRequest("Syntax error at position " + start + " in '" + text + "'.");
    }

    private static boolean boundary(String text, int end) {
        return end == text.length() || " (),=".indexOf(text.charAt(end)) >= 0;
    }

    private static Token token(Pattern pattern, String word, int position) {
        if (pattern == GUID) {
            return new Token(Kind.LITERAL, word, UUID.fromString(word), position);
        }
        if (pattern == DATE_TIME) {
            return new Token(Kind.LITERAL, word, instant(word), position);
        }
        if (pattern == NUMBER) {
            String digits = Character.isLetter(word.charAt(word.length() - 1))
                    ? word.substring(0, word.length() - 1) : word;
            return new Token(Kind.LITERAL, word, new BigDecimal(digits), position);
        }
        return switch (word) {
            case "true" -> new Token(Kind.LITERAL, word, Boolean.TRUE, position);
            case "false" -> new Token(Kind.LITERAL, word, Boolean.FALSE, position);
            case "null" -> new Token(Kind.LITERAL, word, NULL, position);
            default -> new Token(Kind.NAME, word, null, position);
        };
    }

    /** Parses an ISO date-time (offset optional, UTC assumed) or a date (midnight UTC). */
    static Instant instant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw DataverseError.badRequest("The value '" + text + "' is not a valid date and time.");
        }
    }
}
