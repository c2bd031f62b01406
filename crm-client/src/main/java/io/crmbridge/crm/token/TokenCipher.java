package io.crmbridge.crm.token;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for what CRM Bridge puts on Kafka that must stay secret: access-token grants and the token vault.
 * The associated data binds a ciphertext to its record (e.g. connection id and generation), so a ciphertext copied
 * into another record does not decrypt.
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeys keys;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(EncryptionKeys keys) {
        this.keys = keys;
    }

    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.active(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(keys.activeKeyId(), nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws UnreadableCiphertext when the key id is unknown or the data or its associated data was altered */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        var key = keys.byId(sealed.keyId()).orElseThrow(() -> new UnreadableCiphertext(
                "sealed with unknown key id '" + sealed.keyId() + "'"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableCiphertext("ciphertext does not authenticate with key '" + sealed.keyId() + "'");
        }
    }

    /** Ciphertext with what is needed to open it; none of it is secret. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    /** A ciphertext that cannot be opened; the message never contains key or plaintext material. */
    public static final class UnreadableCiphertext extends RuntimeException {
        UnreadableCiphertext(String message) {
            super(message);
        }
    }
}
