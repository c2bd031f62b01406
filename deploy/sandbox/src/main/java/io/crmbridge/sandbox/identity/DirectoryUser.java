package io.crmbridge.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A user of the sandbox's directory; the same users sign in through Entra ID and AD FS.
 *
 * @param username    the UPN, e.g. {@code alice@contoso.example}
 * @param password    the test password typed on the sign-in page
 * @param displayName the {@code name} claim
 * @param objectId    the {@code oid} claim
 */
public record DirectoryUser(String username, String password, String displayName, String objectId) {

    public DirectoryUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(objectId, "objectId");
    }

    /** A user whose object id is derived from the username, so it is stable across sandbox starts. */
    public static DirectoryUser of(String username, String password, String displayName) {
        String objectId = UUID.nameUUIDFromBytes(("user:" + username.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new DirectoryUser(username, password, displayName, objectId);
    }

    @Override
    public String toString() {
        return "DirectoryUser[" + username + ", " + objectId + "]";
    }

    /** The {@code DOMAIN\name} form AD FS puts in {@code unique_name}. */
    String downLevelLogonName() {
        int at = username.indexOf('@');
        String name = at < 0 ? username : username.substring(0, at);
        String domain = at < 0 ? "SANDBOX" : username.substring(at + 1).split("\\.")[0].toUpperCase(Locale.ROOT);
        return domain + "\\" + name;
    }
}
