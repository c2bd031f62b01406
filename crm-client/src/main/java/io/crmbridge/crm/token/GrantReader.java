package io.crmbridge.crm.token;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.events.AccessTokenGrant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link AccessTokenGrants} does with each record its {@code TopicFollower} reads from the grants topic:
 * decrypts the grant and hands it to {@link HeldGrants}; a tombstone forgets the connection. A grant that cannot
 * be decrypted is skipped with a warning; the token it carried is never logged.
 */
final class GrantReader {

    private static final Logger log = LoggerFactory.getLogger(GrantReader.class);

    private final TokenCipher cipher;
    private final HeldGrants held;

    GrantReader(TokenCipher cipher, HeldGrants held) {
        this.cipher = cipher;
        this.held = held;
    }

    void apply(ConsumerRecord<String, AccessTokenGrant> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                held.forget(ConnectionId.of(record.key()));
            }
            return;
        }
        decrypt(record.value());
    }

    private void decrypt(AccessTokenGrant grant) {
        String connection = grant.getConnectionId();
        byte[] associatedData = (connection + ":" + grant.getGeneration()).getBytes(StandardCharsets.UTF_8);
        String token;
        try {
            byte[] plain = cipher.open(new TokenCipher.Sealed(grant.getKeyId(), bytes(grant.getNonce()),
                    bytes(grant.getCiphertext())), associatedData);
            token = new String(plain, StandardCharsets.UTF_8);
        } catch (TokenCipher.UnreadableCiphertext e) {
            log.warn("skipping access-token grant {} of connection {}: {}", grant.getGeneration(), connection,
                    e.getMessage());
            return;
        }
        AccessToken accessToken = new AccessToken(ConnectionId.of(connection), URI.create(grant.getOrgUrl()),
                grant.getGeneration(), grant.getExpiresAt(), token);
        if (held.offer(accessToken)) {
            log.debug("access token generation {} of connection {} expires at {}", grant.getGeneration(),
                    connection, grant.getExpiresAt());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
