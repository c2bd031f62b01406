package io.crmbridge.token.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.crm.connection.ConnectionId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth {@code state} of a sign-in: the connection, the PKCE verifier, a browser binding and an expiry, sealed
 * with the vault key. Any instance can open it, so the callback need not reach the instance that started the
 * sign-in. It is accepted once, before it expires, and only from the browser holding the binding cookie.
 */
final class SignInStates {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] ASSOCIATED = "oauth-state".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenCipher cipher;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    SignInStates(TokenCipher cipher, Clock clock, Duration lifetime) {
        this.cipher = cipher;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new sign-in: its state parameter and the binding the browser keeps in a cookie. */
    Issued issue(ConnectionId connection, PkceChallenge pkce) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String binding = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Payload payload = new Payload(connection.value(), pkce.verifier(), binding,
                clock.instant().plus(lifetime).getEpochSecond());
        TokenCipher.Sealed sealed = cipher.seal(JSON.writeValueAsBytes(payload), ASSOCIATED);
        byte[] keyId = sealed.keyId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + keyId.length + sealed.nonce().length + sealed.ciphertext().length);
        buffer.put((byte) keyId.length).put(keyId).put(sealed.nonce()).put(sealed.ciphertext());
        return new Issued(Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array()), binding);
    }

    /** The sign-in a callback belongs to, or why it is refused; a state is accepted only once. */
    Accepted accept(String state, String binding) {
        Payload payload = open(state).orElseThrow(() -> new Refused("unknown or damaged sign-in state"));
        Instant now = clock.instant();
        if (now.isAfter(Instant.ofEpochSecond(payload.e()))) {
            throw new Refused("the sign-in link has expired; start again from the connections page");
        }
        if (binding == null || !binding.equals(payload.n())) {
            throw new Refused("the sign-in was started in another browser or its cookie is missing");
        }
        used.values().removeIf(at -> at.isBefore(now));
        if (used.putIfAbsent(payload.n(), Instant.ofEpochSecond(payload.e())) != null) {
            throw new Refused("this sign-in was already completed (a replayed callback)");
        }
        return new Accepted(ConnectionId.defined(payload.c()), payload.v());
    }

    private Optional<Payload> open(String state) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(state));
            byte[] keyId = new byte[buffer.get()];
            buffer.get(keyId);
            byte[] nonce = new byte[12];
            buffer.get(nonce);
            byte[] ciphertext = new byte[buffer.remaining()];
            buffer.get(ciphertext);
            byte[] plain = cipher.open(new TokenCipher.Sealed(new String(keyId, StandardCharsets.UTF_8), nonce,
                    ciphertext), ASSOCIATED);
            return Optional.of(JSON.readValue(plain, Payload.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    record Issued(String state, String binding) {
    }

    record Accepted(ConnectionId connection, String verifier) {
        @Override
        public String toString() {
            return "Accepted[" + connection + "]";
        }
    }

    /** c: connection, v: PKCE verifier, n: browser binding, e: expiry (epoch seconds). */
    record Payload(String c, String v, String n, long e) {
    }

    /** A callback that must not be honoured; the message is safe to show. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
