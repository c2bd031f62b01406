package io.crmbridge.token.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.token.refresh.Grant;

/**
 * Grants as the {@code AccessTokenGrant} contract: the token encrypted with the shared data key, bound to its
 * connection and generation (the associated data), so a ciphertext replayed under another generation or connection
 * does not decrypt.
 */
final class AccessTokenGrants {

    private final TokenCipher cipher;

    AccessTokenGrants(TokenCipher cipher) {
        this.cipher = cipher;
    }

    AccessTokenGrant toAvro(Grant grant) {
        String connection = grant.connectionId().value();
        byte[] associated = (connection + ":" + grant.generation()).getBytes(StandardCharsets.UTF_8);
        TokenCipher.Sealed sealed = cipher.seal(grant.token().value().getBytes(StandardCharsets.UTF_8), associated);
        return AccessTokenGrant.newBuilder()
                .setConnectionId(connection)
                .setOrgUrl(grant.orgUrl().toString())
                .setGeneration(grant.generation())
                .setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                .setKeyId(sealed.keyId())
                .setNonce(ByteBuffer.wrap(sealed.nonce()))
                .setExpiresAt(grant.token().expiresAt())
                .setIssuedAt(grant.issuedAt())
                .build();
    }
}
