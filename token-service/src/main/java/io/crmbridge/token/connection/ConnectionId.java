package io.crmbridge.token.connection;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Stable id of a connection: the key on every connection-scoped topic and part of URLs, hence the narrow alphabet. */
public record ConnectionId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    /** What is wrong with {@code value} as a connection id, if anything. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("id is required");
        }
        if (!VALID.matcher(value).matches()) {
            return Optional.of("id must be 1 to 64 characters of letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
