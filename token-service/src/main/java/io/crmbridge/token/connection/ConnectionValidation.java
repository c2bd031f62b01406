package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a {@link ConnectionDraft} completely and reports every problem at once, so a person fixes a definition in
 * one round trip (the admin API answers 400 with the list, start-up fails with it). The same rules apply to YAML
 * and API definitions.
 */
public final class ConnectionValidation {

    private static final int MAX_TEXT = 200;

    private ConnectionValidation() {
    }

    /** The connection, or what is wrong with the draft; {@code now} becomes its {@code updatedAt}. */
    public static Validated validate(ConnectionDraft draft, Instant now) {
        Checks checks = new Checks(draft);
        return checks.problems.isEmpty() ? new Validated.Valid(checks.build(now))
                : new Validated.Invalid(List.copyOf(checks.problems));
    }

    /** The outcome of validating a draft. */
    public sealed interface Validated permits Validated.Valid, Validated.Invalid {
        record Valid(Connection connection) implements Validated {
        }

        record Invalid(List<String> problems) implements Validated {
        }
    }

    /** One pass over a draft, collecting problems and the parsed parts. */
    private static final class Checks {
        private final ConnectionDraft draft;
        private final List<String> problems = new ArrayList<>();
        private final URI orgUrl;
        private final URI authority;
        private final AuthKind authKind;
        private final AuthorityType authorityType;
        private final Optional<ClientCredential> credential;
        private final List<String> scopes;

        Checks(ConnectionDraft draft) {
            this.draft = draft;
            ConnectionId.problem(draft.id()).ifPresent(problems::add);
            text("displayName", draft.displayName(), false);
            text("clientId", draft.clientId(), true);
            if (draft.clientId() != null && !draft.clientId().isBlank()
                    && draft.clientId().strip().chars().anyMatch(Character::isWhitespace)) {
                problems.add("clientId must not contain spaces");
            }
            this.orgUrl = httpsUrl("orgUrl", draft.orgUrl(), false);
            this.authority = httpsUrl("authority", draft.authority(), true);
            this.authKind = oneOf("authKind", draft.authKind(), AuthKind.class, true);
            this.authorityType = authorityType();
            this.credential = credential();
            this.scopes = scopes();
        }

        Connection build(Instant now) {
            String name = draft.displayName() == null || draft.displayName().isBlank() ? draft.id()
                    : draft.displayName().trim();
            return new Connection(ConnectionId.defined(draft.id()), name, orgUrl, withTrailingSlash(authority),
                    authorityType, draft.clientId().trim(), authKind, scopes, credential,
                    draft.enabled() == null || draft.enabled(), now);
        }

        private void text(String field, String value, boolean required) {
            if (value == null || value.isBlank()) {
                if (required) {
                    problems.add(field + " is required");
                }
            } else if (value.length() > MAX_TEXT) {
                problems.add(field + " must be at most " + MAX_TEXT + " characters");
            }
        }

        private URI httpsUrl(String field, String value, boolean needsPath) {
            if (value == null || value.isBlank()) {
                problems.add(field + " is required");
                return null;
            }
            try {
                URI uri = new URI(value.trim());
                if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    problems.add(field + " must be an absolute https URL");
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problems.add(field + " must not have a query or fragment");
                } else if (needsPath && (uri.getPath() == null || uri.getPath().replace("/", "").isEmpty())) {
                    problems.add(field + " must name a tenant or /adfs, e.g. https://login.microsoftonline.com/"
                            + "<tenant>/ or https://fs.contoso.com/adfs/");
                } else {
                    return uri;
                }
            } catch (URISyntaxException e) {
                problems.add(field + " is not a valid URL");
            }
            return null;
        }

        private <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, boolean required) {
            if (value == null || value.isBlank()) {
                if (required) {
                    problems.add(field + " is required, one of " + names(type));
                }
                return null;
            }
            try {
                return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add(field + " must be one of " + names(type));
                return null;
            }
        }

        private AuthorityType authorityType() {
            AuthorityType given = oneOf("authorityType", draft.authorityType(), AuthorityType.class, false);
            if (authority == null) {
                return given;
            }
            AuthorityType inferred = AuthorityType.of(authority);
            if (given != null && given != inferred) {
                problems.add("authorityType " + given + " does not match the authority URL, which is an "
                        + inferred + " authority (AD FS authorities end in /adfs/)");
            }
            return inferred;
        }

        private Optional<ClientCredential> credential() {
            boolean secret = present(draft.clientSecret());
            boolean certificate = present(draft.certificate());
            if (!secret && present(draft.clientSecretExpiresAt())) {
                problems.add("clientSecretExpiresAt is only allowed with clientSecret");
            }
            if (!certificate && present(draft.certificatePassword())) {
                problems.add("certificatePassword is only allowed with certificate");
            }
            if (authKind == null) {
                return Optional.empty();
            }
            if (!authKind.confidential()) {
                if (secret || certificate) {
                    problems.add(authKind + " uses a public client, which has no clientSecret or certificate");
                }
                return Optional.empty();
            }
            if (secret == certificate) {
                problems.add(authKind + " needs exactly one of clientSecret or certificate");
                return Optional.empty();
            }
            return secret ? secret() : certificate();
        }

        private Optional<ClientCredential> secret() {
            Optional<CredentialReference> reference = reference("clientSecret", draft.clientSecret());
            Optional<Instant> expiry = expiry(draft.clientSecretExpiresAt());
            return reference.map(r -> new ClientCredential.Secret(r, expiry));
        }

        private Optional<ClientCredential> certificate() {
            Optional<CredentialReference> file = reference("certificate", draft.certificate());
            Optional<CredentialReference> password = present(draft.certificatePassword())
                    ? reference("certificatePassword", draft.certificatePassword()) : Optional.empty();
            return file.map(f -> new ClientCredential.Certificate(f, password));
        }

        private Optional<CredentialReference> reference(String field, String value) {
            CredentialReference.Parsed parsed = CredentialReference.parse(field, value);
            parsed.problem().ifPresent(problems::add);
            return parsed.reference();
        }

        private Optional<Instant> expiry(String value) {
            if (!present(value)) {
                return Optional.empty();
            }
            try {
                return Optional.of(value.trim().length() == 10
                        ? LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(value.trim()));
            } catch (DateTimeParseException e) {
                problems.add("clientSecretExpiresAt must be an ISO date (2027-01-31) or instant (2027-01-31T00:00:00Z)");
                return Optional.empty();
            }
        }

        private List<String> scopes() {
            List<String> given = draft.scopes() == null ? List.of()
                    : draft.scopes().stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
            if (draft.scopes() != null && given.size() != draft.scopes().size()) {
                problems.add("scopes must not contain blank entries");
            }
            if (given.isEmpty()) {
                return defaultScopes();
            }
            if (authKind == AuthKind.CLIENT_CREDENTIALS && (given.size() != 1 || !given.get(0).endsWith("/.default"))) {
                problems.add("CLIENT_CREDENTIALS takes exactly one scope, <resource>/.default (identity.md §1.4)");
            }
            return given;
        }

        private List<String> defaultScopes() {
            if (orgUrl == null || authKind == null) {
                return List.of();
            }
            String resource = orgUrl.toString().replaceAll("/+$", "");
            return List.of(resource + (authKind.confidential() ? "/.default" : "/user_impersonation"));
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }

        private static URI withTrailingSlash(URI uri) {
            return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
        }

        private static <E extends Enum<E>> String names(Class<E> type) {
            return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        }
    }
}
