package io.crmbridge.poller.tracking;

import java.net.URI;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code @odata.deltaLink}: where the next change-tracking poll starts. Sent back exactly as received. */
public record DeltaLink(URI value) {

    // $deltatoken=919042!08/22/2017 08:10:44, URL-encoded: the row version the token stands at, then a time.
    private static final Pattern TOKEN_VERSION = Pattern.compile("(?:\\$|%24)deltatoken=(\\d+)(?:!|%21)",
            Pattern.CASE_INSENSITIVE);

    public DeltaLink {
        Objects.requireNonNull(value, "value");
    }

    public static DeltaLink of(String value) {
        return new DeltaLink(URI.create(value));
    }

    /**
     * The row version the delta token stands at, when the token has the observed form {@code <version>!<time>}
     * (reference §2.2: clients must treat it as opaque, so this is only ever used to skip re-publishing, and
     * nothing depends on it being present).
     */
    public OptionalLong tokenVersion() {
        Matcher matcher = TOKEN_VERSION.matcher(value.toString());
        if (!matcher.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
