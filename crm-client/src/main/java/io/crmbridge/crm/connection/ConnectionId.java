package io.crmbridge.crm.connection;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Id of a CRM connection (one Dataverse environment reached with one set of credentials), as the token-service
 * names it in {@code crm.connections}. Every per-connection structure of the client is keyed by it.
 *
 * <p>Two rules, on purpose:
 * <ul>
 *   <li><b>Referring</b> to a connection ({@link #of}, the constructor) accepts any non-blank string. Services that
 *       read ids written by others (the poller, the action-service) key their state by whatever id they are given
 *       and never reject it.</li>
 *   <li><b>Defining</b> a connection ({@link #defined}), and looking one up from user input, requires the narrow
 *       alphabet of {@link #problem}: 1 to 64 characters of letters, digits, {@code .}, {@code _} or {@code -},
 *       starting with a letter or digit, because the id is the key on every connection-scoped topic and part of
 *       URLs. Only the token-service defines connections.</li>
 * </ul>
 */
public record ConnectionId(String value) {

    private static final Pattern DEFINABLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a connection id must not be blank");
        }
    }

    /** A reference to a connection: any non-blank id. */
    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    /**
     * The id of a connection being defined or looked up from user input.
     *
     * @throws IllegalArgumentException with the message of {@link #problem} when {@code value} is not a definable id
     * @throws NullPointerException when {@code value} is null
     */
    public static ConnectionId defined(String value) {
        Objects.requireNonNull(value, "value");
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new ConnectionId(value);
    }

    /** What is wrong with {@code value} as the id of a connection being defined, if anything. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("id is required");
        }
        if (!DEFINABLE.matcher(value).matches()) {
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
