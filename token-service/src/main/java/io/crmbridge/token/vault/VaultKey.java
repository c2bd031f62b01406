package io.crmbridge.token.vault;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.crmbridge.crm.connection.ConnectionId;

/**
 * The key of a vault record. Every record of a connection is written to the partition of its connection id (so
 * the partition's owner sees them all), under one of three keys:
 * <ul>
 *   <li>{@code <connectionId>}: the owner's state of the connection (token cache, state, generation);</li>
 *   <li>{@code <connectionId>/credential}: the credential reference of a definition made through the admin API,
 *       which the public definition must not carry;</li>
 *   <li>{@code <connectionId>/handover/<uuid>}: a sign-in or retry made on another instance, for the owner to take
 *       over and then delete.</li>
 * </ul>
 */
public record VaultKey(ConnectionId connection, Kind kind, Optional<String> handoverId) {

    private static final String CREDENTIAL = "/credential";
    private static final String HANDOVER = "/handover/";

    public VaultKey {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handoverId, "handoverId");
    }

    public static VaultKey state(ConnectionId connection) {
        return new VaultKey(connection, Kind.STATE, Optional.empty());
    }

    public static VaultKey credential(ConnectionId connection) {
        return new VaultKey(connection, Kind.CREDENTIAL, Optional.empty());
    }

    public static VaultKey newHandover(ConnectionId connection) {
        return new VaultKey(connection, Kind.HANDOVER, Optional.of(UUID.randomUUID().toString()));
    }

    /** The key a record was written under; empty for keys this service does not write. */
    public static Optional<VaultKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            int slash = key.indexOf('/');
            if (slash < 0) {
                return Optional.of(state(ConnectionId.defined(key)));
            }
            ConnectionId id = ConnectionId.defined(key.substring(0, slash));
            String rest = key.substring(slash);
            if (rest.equals(CREDENTIAL)) {
                return Optional.of(credential(id));
            }
            if (rest.startsWith(HANDOVER) && rest.length() > HANDOVER.length()) {
                return Optional.of(new VaultKey(id, Kind.HANDOVER, Optional.of(rest.substring(HANDOVER.length()))));
            }
        } catch (IllegalArgumentException e) {
            // not a connection id: not ours
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATE -> connection.value();
            case CREDENTIAL -> connection.value() + CREDENTIAL;
            case HANDOVER -> connection.value() + HANDOVER + handoverId.orElseThrow();
        };
    }

    public enum Kind { STATE, CREDENTIAL, HANDOVER }
}
