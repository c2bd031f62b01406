package io.crmbridge.token.connection;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.crmbridge.token.connection.ConnectionValidation.Validated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionValidationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static ConnectionDraft draft(String authKind, String secret, String certificate, List<String> scopes) {
        return new ConnectionDraft("contoso-prod", null, "https://contoso.crm4.dynamics.com",
                "https://login.microsoftonline.com/contoso.example", null, authKind, "client-1", scopes, secret, null,
                certificate, null, null);
    }

    private static Connection valid(ConnectionDraft draft) {
        Validated validated = ConnectionValidation.validate(draft, NOW);
        assertThat(validated).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid) validated).connection();
    }

    private static List<String> problems(ConnectionDraft draft) {
        Validated validated = ConnectionValidation.validate(draft, NOW);
        assertThat(validated).isInstanceOf(Validated.Invalid.class);
        return ((Validated.Invalid) validated).problems();
    }

    @Test
    void aClientCredentialsDefinitionGetsTheDefaultScopeAndItsSecretReference() {
        Connection c = valid(ConnectionFixtures.draft());

        assertThat(c.scopes()).containsExactly("https://contoso.crm4.dynamics.com/.default");
        assertThat(c.authority()).isEqualTo(URI.create("https://login.microsoftonline.com/contoso.example/"));
        assertThat(c.authorityType()).isEqualTo(AuthorityType.ENTRA_ID);
        assertThat(c.credential()).containsInstanceOf(ClientCredential.Secret.class);
        assertThat(((ClientCredential.Secret) c.credential().orElseThrow()).expiresAt())
                .contains(Instant.parse("2027-01-31T00:00:00Z"));
        assertThat(c.displayName()).isEqualTo("Contoso production");
        assertThat(c.enabled()).isTrue();
        assertThat(c.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void aPublicClientGetsUserImpersonationAndAdfsIsRecognisedFromTheUrl() {
        Connection c = valid(new ConnectionDraft("onprem", null, "https://crm.contoso.local/org", "https://fs.contoso"
                + ".local/adfs", null, "authorization_code", "adfs-client", null, null, null, null, null, false));

        assertThat(c.authorityType()).isEqualTo(AuthorityType.ADFS);
        assertThat(c.scopes()).containsExactly("https://crm.contoso.local/org/user_impersonation");
        assertThat(c.enabled()).isFalse();
        assertThat(c.displayName()).isEqualTo("onprem");
    }

    @Test
    void listsEveryProblemOfABrokenDefinitionAtOnce() {
        List<String> problems = problems(new ConnectionDraft("bad id!", null, "http://contoso", "https://login",
                "ADFS", "PASSWORD", " ", null, null, null, null, null, null));

        assertThat(problems).hasSize(5).anySatisfy(p -> assertThat(p).startsWith("id must be"))
                .anySatisfy(p -> assertThat(p).startsWith("clientId is required"))
                .anySatisfy(p -> assertThat(p).startsWith("orgUrl must be an absolute https URL"))
                .anySatisfy(p -> assertThat(p).startsWith("authority must name a tenant"))
                .anySatisfy(p -> assertThat(p).startsWith("authKind must be one of AUTHORIZATION_CODE"));
    }

    @Test
    void refusesASecretGivenInlineWithoutRepeatingIt() {
        List<String> problems = problems(draft("CLIENT_CREDENTIALS", "Sup3r~secretValue", null, null));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .startsWith("clientSecret must be a reference, env:NAME or file:/absolute/path")
                .doesNotContain("Sup3r~secretValue"));
    }

    @Test
    void confidentialKindsNeedExactlyOneCredentialAndPublicKindsNone() {
        assertThat(problems(draft("CLIENT_CREDENTIALS", null, null, null)))
                .containsExactly("CLIENT_CREDENTIALS needs exactly one of clientSecret or certificate");
        assertThat(problems(draft("AUTHORIZATION_CODE_CONFIDENTIAL", "env:A", "file:/etc/cert.p12", null)))
                .containsExactly("AUTHORIZATION_CODE_CONFIDENTIAL needs exactly one of clientSecret or certificate");
        assertThat(problems(draft("DEVICE_CODE", "env:A", null, null)))
                .containsExactly("DEVICE_CODE uses a public client, which has no clientSecret or certificate");
        assertThat(valid(draft("AUTHORIZATION_CODE_CONFIDENTIAL", null, "file:/etc/cert.p12", null)).credential())
                .containsInstanceOf(ClientCredential.Certificate.class);
    }

    @Test
    void clientCredentialsTakeOneDefaultScope() {
        assertThat(problems(draft("CLIENT_CREDENTIALS", "env:A", null, List.of("https://x/user_impersonation"))))
                .containsExactly("CLIENT_CREDENTIALS takes exactly one scope, <resource>/.default (identity.md §1.4)");
    }

    @Test
    void anAuthorityTypeThatContradictsTheUrlIsRefused() {
        assertThat(problems(new ConnectionDraft("x", null, "https://contoso.crm.dynamics.com",
                "https://login.microsoftonline.com/t/", "ADFS", "DEVICE_CODE", "c", null, null, null, null, null, null)))
                .singleElement().satisfies(p -> assertThat(p).startsWith("authorityType ADFS does not match"));
    }
}
