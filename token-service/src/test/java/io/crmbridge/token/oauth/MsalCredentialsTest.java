package io.crmbridge.token.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.aad.msal4j.IClientCertificate;
import com.microsoft.aad.msal4j.IClientSecret;
import io.crmbridge.sandbox.identity.TestClientCertificate;
import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.token.connection.CredentialReference;
import io.crmbridge.token.connection.CredentialReference.Source;
import io.crmbridge.token.refresh.TokenIssuer.CredentialUnavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsalCredentialsTest {

    @TempDir
    Path dir;

    private final Map<String, String> environment = new java.util.HashMap<>();
    private final MsalCredentials credentials = new MsalCredentials(environment::get);

    private static ClientCredential secret(Source source, String location) {
        return new ClientCredential.Secret(new CredentialReference(source, location),
                Optional.of(Instant.parse("2027-01-31T00:00:00Z")));
    }

    private static List<String> encodedChain(IClientCertificate certificate) {
        try {
            return certificate.getEncodedPublicKeyCertificateChain();
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsASecretFromAFileOrTheEnvironmentWhenItIsUsed() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "s3cret-value\n");
        environment.put("CONTOSO_SECRET", "env-value");

        assertThat(credentials.of(secret(Source.FILE, file.toString()))).isInstanceOfSatisfying(IClientSecret.class,
                read -> assertThat(read.clientSecret()).isEqualTo("s3cret-value"));
        assertThat(credentials.of(secret(Source.ENV, "CONTOSO_SECRET"))).isInstanceOfSatisfying(IClientSecret.class,
                read -> assertThat(read.clientSecret()).isEqualTo("env-value"));
        assertThat(credentials.expiry(secret(Source.ENV, "CONTOSO_SECRET")))
                .hasValueSatisfying(e -> assertThat(e.at()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z")));
    }

    @Test
    void aMissingSecretIsReportedByItsReferenceNeverItsValue() {
        assertThatThrownBy(() -> credentials.of(secret(Source.ENV, "NOT_SET")))
                .isInstanceOf(CredentialUnavailable.class).hasMessage("environment variable NOT_SET is not set");
        assertThatThrownBy(() -> credentials.of(secret(Source.FILE, dir.resolve("absent").toString())))
                .isInstanceOf(CredentialUnavailable.class).hasMessageContaining("cannot read file:" + dir);
    }

    @Test
    void aCertificateIsReadFromPkcs12AndExpiresAtItsNotAfter() throws IOException, CertificateEncodingException {
        Path p12 = dir.resolve("client.p12");
        try (InputStream in = TestClientCertificate.pkcs12()) {
            Files.copy(in, p12);
        }
        Path password = Files.writeString(dir.resolve("password"), TestClientCertificate.PASSWORD);
        ClientCredential certificate = new ClientCredential.Certificate(new CredentialReference(Source.FILE,
                p12.toString()), Optional.of(new CredentialReference(Source.FILE, password.toString())));

        String encoded = Base64.getEncoder().encodeToString(TestClientCertificate.certificate().getEncoded());
        assertThat(credentials.of(certificate)).isInstanceOfSatisfying(IClientCertificate.class, read -> {
            assertThat(read.privateKey().getEncoded()).isEqualTo(TestClientCertificate.privateKey().getEncoded());
            assertThat(encodedChain(read)).containsExactly(encoded);
        });
        assertThat(credentials.expiry(certificate)).hasValueSatisfying(e -> {
            assertThat(e.what()).isEqualTo("certificate");
            assertThat(e.at()).isEqualTo(TestClientCertificate.certificate().getNotAfter().toInstant());
        });
    }

    @Test
    void aCertificateInTheEnvironmentIsBase64AndAWrongPasswordIsAConfigurationProblem() throws IOException {
        byte[] p12;
        try (InputStream in = TestClientCertificate.pkcs12()) {
            p12 = in.readAllBytes();
        }
        environment.put("CERT", Base64.getEncoder().encodeToString(p12));
        environment.put("WRONG", "not-the-password");
        ClientCredential certificate = new ClientCredential.Certificate(new CredentialReference(Source.ENV, "CERT"),
                Optional.of(new CredentialReference(Source.ENV, "WRONG")));

        assertThatThrownBy(() -> credentials.of(certificate)).isInstanceOf(CredentialUnavailable.class)
                .hasMessageContaining("env:CERT").hasMessageNotContaining("not-the-password");
    }
}
