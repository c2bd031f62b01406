package io.crmbridge.token.vault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.token.connection.ClientCredential;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.ConnectionState;
import io.crmbridge.token.connection.CredentialReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals vault records: JSON, encrypted with AES-256-GCM under the active vault key. The record's key is the
 * associated data, so a ciphertext copied under another key (another connection) does not open.
 */
public final class TokenVault {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TokenCipher cipher;

    public TokenVault(TokenCipher cipher) {
        this.cipher = cipher;
    }

    public TokenCipher.Sealed seal(VaultState state) {
        return seal(VaultKey.state(state.connectionId()), StateJson.of(state));
    }

    public VaultState openState(VaultKey key, TokenCipher.Sealed sealed) {
        return open(key, sealed, StateJson.class).toState(key.connection());
    }

    public TokenCipher.Sealed seal(ConnectionId id, ClientCredential credential) {
        return seal(VaultKey.credential(id), CredentialJson.of(credential));
    }

    public ClientCredential openCredential(VaultKey key, TokenCipher.Sealed sealed) {
        return open(key, sealed, CredentialJson.class).toCredential();
    }

    public TokenCipher.Sealed seal(VaultKey key, Handover handover) {
        return seal(key, HandoverJson.of(handover));
    }

    public Handover openHandover(VaultKey key, TokenCipher.Sealed sealed) {
        return open(key, sealed, HandoverJson.class).toHandover(key.connection());
    }

    private TokenCipher.Sealed seal(VaultKey key, Object json) {
        return cipher.seal(JSON.writeValueAsBytes(json), associatedData(key));
    }

    private <T> T open(VaultKey key, TokenCipher.Sealed sealed, Class<T> type) {
        return JSON.readValue(cipher.open(sealed, associatedData(key)), type);
    }

    private static byte[] associatedData(VaultKey key) {
        return ("token-vault:" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    record StateJson(String state, String msalCache, long generation, String accessTokenExpiresAt,
                     String refreshTokenUsedAt, String episodeId, ErrorJson lastError, List<String> warnings,
                     String savedAt) {

        static StateJson of(VaultState s) {
            return new StateJson(s.state().name(), s.msalCache().orElse(null), s.generation(),
                    text(s.accessTokenExpiresAt()), text(s.refreshTokenUsedAt()), s.episodeId().orElse(null),
                    s.lastError().map(ErrorJson::of).orElse(null), List.copyOf(s.warnings()), s.savedAt().toString());
        }

        VaultState toState(ConnectionId id) {
            return new VaultState(id, ConnectionState.valueOf(state), Optional.ofNullable(msalCache), generation,
                    Optional.ofNullable(instant(accessTokenExpiresAt)), Optional.ofNullable(instant(refreshTokenUsedAt)),
                    Optional.ofNullable(episodeId), Optional.ofNullable(lastError).map(ErrorJson::toError),
                    warnings == null ? Set.of() : Set.copyOf(warnings), instant(savedAt));
        }
    }

    record ErrorJson(String reasonCode, String message, boolean needsPerson, String at) {
        static ErrorJson of(VaultState.LastError e) {
            return new ErrorJson(e.reasonCode(), e.message(), e.needsPerson(), e.at().toString());
        }

        VaultState.LastError toError() {
            return new VaultState.LastError(reasonCode, message, needsPerson, instant(at));
        }
    }

    record CredentialJson(String type, String reference, String expiresAt, String passwordReference) {
        static CredentialJson of(ClientCredential credential) {
            if (credential instanceof ClientCredential.Secret secret) {
                return new CredentialJson("SECRET", secret.secret().toString(), text(secret.expiresAt()), null);
            }
            ClientCredential.Certificate certificate = (ClientCredential.Certificate) credential;
            return new CredentialJson("CERTIFICATE", certificate.pkcs12().toString(), null,
                    certificate.password().map(CredentialReference::toString).orElse(null));
        }

        ClientCredential toCredential() {
            CredentialReference ref = parse(reference);
            if ("SECRET".equals(type)) {
                return new ClientCredential.Secret(ref, Optional.ofNullable(instant(expiresAt)));
            }
            return new ClientCredential.Certificate(ref, Optional.ofNullable(passwordReference).map(TokenVault::parse));
        }
    }

    record HandoverJson(String msalCache, String signedInAs, String at) {
        static HandoverJson of(Handover h) {
            return new HandoverJson(h.msalCache().orElse(null), h.signedInAs().orElse(null), h.at().toString());
        }

        Handover toHandover(ConnectionId id) {
            return new Handover(id, Optional.ofNullable(msalCache), Optional.ofNullable(signedInAs), instant(at));
        }
    }

    private static CredentialReference parse(String reference) {
        return CredentialReference.parse("reference", reference).reference()
                .orElseThrow(() -> new IllegalStateException("vault holds an unreadable credential reference"));
    }
}
