package io.crmbridge.crm.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {

    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final byte[] TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "conn-1:7".getBytes(StandardCharsets.UTF_8);

    private final TokenCipher cipher = new TokenCipher(EncryptionKeys.of("k1", Map.of("k1", KEY_1)));

    @Test
    void opensWhatItSealed() {
        TokenCipher.Sealed sealed = cipher.seal(TOKEN, AAD);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("eyJ0eXAi");
        assertThat(cipher.open(sealed, AAD)).isEqualTo(TOKEN);
    }

    @Test
    void usesAFreshNonceEachTime() {
        assertThat(cipher.seal(TOKEN, AAD).nonce()).isNotEqualTo(cipher.seal(TOKEN, AAD).nonce());
    }

    @Test
    void refusesACiphertextMovedToAnotherRecord() {
        TokenCipher.Sealed sealed = cipher.seal(TOKEN, AAD);

        assertThatThrownBy(() -> cipher.open(sealed, "conn-2:7".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TokenCipher.UnreadableCiphertext.class);
    }

    @Test
    void refusesATamperedCiphertext() {
        TokenCipher.Sealed sealed = cipher.seal(TOKEN, AAD);
        sealed.ciphertext()[0] ^= 1;

        assertThatThrownBy(() -> cipher.open(sealed, AAD)).isInstanceOf(TokenCipher.UnreadableCiphertext.class);
    }

    @Test
    void readsOldKeysAfterARotationAndSealsWithTheNewOne() {
        TokenCipher.Sealed before = cipher.seal(TOKEN, AAD);
        TokenCipher rotated = new TokenCipher(EncryptionKeys.of("k2", Map.of("k1", KEY_1, "k2", KEY_2)));

        assertThat(rotated.open(before, AAD)).isEqualTo(TOKEN);
        assertThat(rotated.seal(TOKEN, AAD).keyId()).isEqualTo("k2");
    }

    @Test
    void namesTheUnknownKeyIdWithoutRevealingAnything() {
        TokenCipher.Sealed sealed = new TokenCipher(EncryptionKeys.of("k2", Map.of("k2", KEY_2))).seal(TOKEN, AAD);

        assertThatThrownBy(() -> cipher.open(sealed, AAD)).hasMessageContaining("unknown key id 'k2'");
    }

    @Test
    void refusesKeysThatAreNotAes256AndNeverEchoesThem() {
        assertThatThrownBy(() -> EncryptionKeys.of("k1", Map.of("k1", "c2hvcnQ=")))
                .hasMessageContaining("must be 32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> EncryptionKeys.of("k1", Map.of("k1", "not base64!")))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> EncryptionKeys.of("k9", Map.of("k1", KEY_1))).hasMessageContaining("active key id");
    }
}
