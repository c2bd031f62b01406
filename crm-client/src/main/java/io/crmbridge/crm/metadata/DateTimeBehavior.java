package io.crmbridge.crm.metadata;

import java.util.Locale;

/**
 * How a Date and Time column keeps its values ({@code DateTimeAttributeMetadata.DateTimeBehavior}): {@code UserLocal}
 * (an instant, shown in the user's time zone), {@code DateOnly} (a calendar date, no time, no zone) or
 * {@code TimeZoneIndependent} (a wall-clock date and time, no zone). {@code Format} ({@code DateOnly} or
 * {@code DateAndTime}) only decides how it is shown: a {@code UserLocal} column with format {@code DateOnly} still
 * holds instants.
 */
public enum DateTimeBehavior {
    USER_LOCAL, DATE_ONLY, TIME_ZONE_INDEPENDENT;

    /**
     * The behaviour Dataverse names {@code value}; {@link #USER_LOCAL} when it is missing or unknown, since an instant
     * loses nothing of any value (a date-only value is read as its midnight UTC).
     */
    public static DateTimeBehavior of(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "dateonly" -> DATE_ONLY;
            case "timezoneindependent" -> TIME_ZONE_INDEPENDENT;
            default -> USER_LOCAL;
        };
    }
}
