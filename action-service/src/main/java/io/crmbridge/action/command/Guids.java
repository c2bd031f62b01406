package io.crmbridge.action.command;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Dataverse primary keys: GUIDs in 8-4-4-4-12 hex form (stricter than {@link UUID#fromString}). */
final class Guids {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {
    }

    static Optional<UUID> parse(String text) {
        return text != null && GUID.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
