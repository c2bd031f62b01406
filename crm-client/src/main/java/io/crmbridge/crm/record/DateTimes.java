package io.crmbridge.crm.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Fast reading of the date-times Dataverse writes ({@code 2023-04-07T21:59:01Z}, optionally with fractions or an
 * offset, and {@code 2023-04-07} for Date Only columns) into epoch milliseconds. {@code Instant.parse} costs about a
 * fifth of page parsing (BUILD-NOTES), so the common shapes are read digit by digit; anything else goes through
 * {@link OffsetDateTime#parse}.
 */
final class DateTimes {

    private DateTimes() {
    }

    /** Whether {@code text} has the shape of an ISO date-time or date ({@code yyyy-MM-dd[THH:mm...]}). */
    static boolean looksLikeDateTime(String text) {
        int length = text.length();
        if (length != 10 && length < 20) {
            return false;
        }
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || !digits(text, 0, 4) || !digits(text, 5, 7)
                || !digits(text, 8, 10)) {
            return false;
        }
        return length == 10 || (text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':');
    }

    /** Epoch milliseconds of {@code text}; throws {@link DateTimeParseException} when it is not a date-time. */
    static long epochMillis(String text) {
        int length = text.length();
        if (length == 20 && text.charAt(19) == 'Z' && looksLikeDateTime(text) && digits(text, 11, 13)
                && digits(text, 14, 16) && digits(text, 17, 19)) {
            return millis(text, 0);
        }
        if (length == 24 && text.charAt(19) == '.' && text.charAt(23) == 'Z' && looksLikeDateTime(text)
                && digits(text, 11, 13) && digits(text, 14, 16) && digits(text, 17, 19) && digits(text, 20, 23)) {
            return millis(text, number(text, 20, 23));
        }
        if (length == 10 && looksLikeDateTime(text)) {
            return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10)).toEpochDay()
                    * 86_400_000L;
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    private static long millis(String text, int fraction) {
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int year = number(text, 0, 4);
        if (month < 1 || month > 12 || day < 1 || (day > 28 && day > YearMonth.of(year, month).lengthOfMonth())
                || hour > 23 || minute > 59 || second > 59) {
            // Let java.time produce the proper error (or accept what it accepts).
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + fraction;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
