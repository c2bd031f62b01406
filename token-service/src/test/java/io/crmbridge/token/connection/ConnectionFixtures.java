package io.crmbridge.token.connection;

import io.crmbridge.crm.connection.ConnectionId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Valid definitions of each auth kind. */
public final class ConnectionFixtures {

    public static final URI ORG = URI.create("https://contoso.crm4.dynamics.com");
    public static final URI AUTHORITY = URI.create("https://login.microsoftonline.com/contoso.example/");

    private ConnectionFixtures() {
    }

    public static Connection clientCredentials(String id) {
        return new Connection(ConnectionId.of(id), id, ORG, AUTHORITY, AuthorityType.ENTRA_ID, "app-" + id,
                AuthKind.CLIENT_CREDENTIALS, List.of(ORG + "/.default"),
                Optional.of(new ClientCredential.Secret(new CredentialReference(CredentialReference.Source.ENV,
                        "SECRET_" + id.toUpperCase().replace('-', '_')), Optional.empty())), true, Instant.EPOCH);
    }

    public static Connection delegated(String id) {
        return new Connection(ConnectionId.of(id), id, ORG, AUTHORITY, AuthorityType.ENTRA_ID, "native-" + id,
                AuthKind.AUTHORIZATION_CODE, List.of(ORG + "/user_impersonation"), Optional.empty(), true,
                Instant.EPOCH);
    }

    public static ConnectionDraft draft() {
        return new ConnectionDraft("contoso-prod", "Contoso production", ORG.toString(), AUTHORITY.toString(), null,
                "CLIENT_CREDENTIALS", "5a1a0b8e-0000-4000-8000-00000000c1d0", null, "env:CONTOSO_SECRET",
                "2027-01-31", null, null, null);
    }
}
