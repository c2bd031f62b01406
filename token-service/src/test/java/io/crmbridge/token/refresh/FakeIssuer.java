package io.crmbridge.token.refresh;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.vault.TokenCacheSlot;

/** An identity provider that answers from a script: tokens or exceptions, in order. */
final class FakeIssuer implements TokenIssuer {

    private final Deque<Object> answers = new ArrayDeque<>();
    final List<Boolean> calls = new ArrayList<>();
    Optional<CredentialExpiry> expiry = Optional.empty();
    private int issued;

    void answers(Object... scripted) {
        answers.addAll(List.of(scripted));
    }

    IssuedToken token(Instant expiresAt) {
        return new IssuedToken("token-" + (++issued), expiresAt, Optional.of("alice@contoso.example"));
    }

    @Override
    public IssuedToken acquire(Connection connection, TokenCacheSlot cache, boolean force) throws Exception {
        calls.add(force);
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("the identity provider was asked more often than scripted");
        }
        if (answer instanceof Exception e) {
            throw e;
        }
        return (IssuedToken) answer;
    }

    @Override
    public Optional<CredentialExpiry> credentialExpiry(Connection connection) {
        return expiry;
    }
}
