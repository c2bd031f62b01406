package io.crmbridge.token.vault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.crm.token.EncryptionKeys;
import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.connection.CredentialReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVaultTest {

    private static final ConnectionId ID = ConnectionId.of("contoso");
    private final TokenVault vault = new TokenVault(new TokenCipher(EncryptionKeys.of("k1",
            Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])))));

    private final VaultState state = new VaultState(ID, ConnectionState.DEGRADED,
            Optional.of("{\"RefreshToken\":{\"secret\":\"rt-value-123\"}}"), 12,
            Optional.of(Instant.parse("2026-03-01T11:00:00Z")), Optional.of(Instant.parse("2026-03-01T10:00:00Z")),
            Optional.of("episode-1"), Optional.of(new VaultState.LastError("HTTP_503", "down", false,
            Instant.parse("2026-03-01T10:30:00Z"))), Set.of("client secret@2027-01-31T00:00:00Z"),
            Instant.parse("2026-03-01T10:30:00Z"));

    @Test
    void aSealedStateOpensToTheSameStateAndHidesTheRefreshToken() {
        TokenCipher.Sealed sealed = vault.seal(state);

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("rt-value-123");
        assertThat(vault.openState(VaultKey.state(ID), sealed)).isEqualTo(state);
        assertThat(state.toString()).doesNotContain("rt-value-123");
    }

    @Test
    void aStateCopiedUnderAnotherConnectionsKeyDoesNotOpen() {
        TokenCipher.Sealed sealed = vault.seal(state);

        assertThatThrownBy(() -> vault.openState(VaultKey.state(ConnectionId.of("fabrikam")), sealed))
                .isInstanceOf(TokenCipher.UnreadableCiphertext.class);
    }

    @Test
    void credentialsAndHandoversRoundTrip() {
        ClientCredential certificate = new ClientCredential.Certificate(new CredentialReference(
                CredentialReference.Source.FILE, "/etc/cert.p12"), Optional.of(new CredentialReference(
                CredentialReference.Source.ENV, "CERT_PASSWORD")));
        assertThat(vault.openCredential(VaultKey.credential(ID), vault.seal(ID, certificate))).isEqualTo(certificate);

        VaultKey key = VaultKey.newHandover(ID);
        Handover handover = new Handover(ID, Optional.of("{}"), Optional.of("alice"), Instant.EPOCH);
        assertThat(vault.openHandover(key, vault.seal(key, handover))).isEqualTo(handover);
    }

    @Test
    void vaultKeysNameTheirKindAndConnection() {
        VaultKey handover = VaultKey.newHandover(ID);

        assertThat(VaultKey.parse("contoso")).contains(VaultKey.state(ID));
        assertThat(VaultKey.parse("contoso/credential")).contains(VaultKey.credential(ID));
        assertThat(VaultKey.parse(handover.toString())).contains(handover);
        assertThat(VaultKey.parse("contoso/other")).isEmpty();
        assertThat(VaultKey.parse("bad key!")).isEmpty();
    }
}
