package io.crmbridge.sandbox.dataverse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A change-tracking position as Dataverse writes it in {@code $deltatoken}: {@code <number>!<MM/dd/yyyy HH:mm:ss>}
 * (UTC), e.g. {@code 919042!08/22/2017 08:10:44} (reference §2.2). Clients must treat it as opaque; here the number
 * comes from the org's token counter ({@link Org#issueToken}), unrelated to row ETags.
 */
record DeltaToken(long version, Instant issuedAt) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    DeltaToken {
        issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Parses a token; empty for anything not of the documented form. */
    static Optional<DeltaToken> parse(String text) {
        int bang = text.indexOf('!');
        if (bang <= 0) {
            return Optional.empty();
        }
        try {
            long version = Long.parseLong(text.substring(0, bang));
            Instant issued = LocalDateTime.parse(text.substring(bang + 1), TIME).toInstant(ZoneOffset.UTC);
            return version < 0 ? Optional.empty() : Optional.of(new DeltaToken(version, issued));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return version + "!" + TIME.format(issuedAt.atOffset(ZoneOffset.UTC));
    }

    /** The token as it appears in a deltaLink: {@code 919042%2108%2f22%2f2017%2008%3a10%3a44}. */
    String urlEncoded() {
        return toString().replace("!", "%21").replace("/", "%2f").replace(" ", "%20").replace(":", "%3a");
    }
}
