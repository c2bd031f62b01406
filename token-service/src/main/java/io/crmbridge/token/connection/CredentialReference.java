package io.crmbridge.token.connection;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a secret lives, never the secret itself: {@code env:NAME} (an environment variable) or {@code file:/path}
 * (a file, e.g. a mounted Kubernetes secret). Safe to log and to show in the admin API.
 */
public record CredentialReference(Source source, String location) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public CredentialReference {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Parses a reference. The message of a refusal never repeats the value: a person who pasted the secret itself
     * must not find it in a 400 response or a log line.
     */
    public static Parsed parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(Optional.empty(), Optional.of(field + " is required"));
        }
        String value = text.trim();
        if (value.startsWith("env:") && ENV_NAME.matcher(value.substring(4)).matches()) {
            return ok(new CredentialReference(Source.ENV, value.substring(4)));
        }
        if (value.startsWith("file:/") && value.length() > 6 && !value.contains("\n")) {
            return ok(new CredentialReference(Source.FILE, value.substring(5)));
        }
        return new Parsed(Optional.empty(), Optional.of(field + " must be a reference, env:NAME or file:/absolute/path,"
                + " not the secret itself (the value given is not repeated here)"));
    }

    private static Parsed ok(CredentialReference reference) {
        return new Parsed(Optional.of(reference), Optional.empty());
    }

    @Override
    public String toString() {
        return source.prefix + location;
    }

    public enum Source {
        ENV("env:"), FILE("file:");

        private final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A reference, or the problem with the text. */
    public record Parsed(Optional<CredentialReference> reference, Optional<String> problem) {
    }
}
