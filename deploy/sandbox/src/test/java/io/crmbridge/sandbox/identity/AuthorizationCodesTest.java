package io.crmbridge.sandbox.identity;

import java.time.Duration;
import java.time.Instant;

import io.crmbridge.sandbox.identity.AuthorizationCodes.AuthorizationCode;
import io.crmbridge.sandbox.identity.AuthorizationCodes.Redemption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationCodesTest {

    private static final Instant ISSUED = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final AuthorizationCodes codes = new AuthorizationCodes();

    @Test
    void redeemsACodeOnceAndAnswersAlreadyRedeemedAfterwards() {
        String code = codes.issue(code());

        assertThat(codes.redeem(code, ISSUED.plusSeconds(5), LIFETIME)).isInstanceOf(Redemption.Valid.class);
        assertThat(codes.redeem(code, ISSUED.plusSeconds(6), LIFETIME)).isInstanceOf(Redemption.AlreadyRedeemed.class);
    }

    @Test
    void answersExpiredAfterTheCodesLifetime() {
        String code = codes.issue(code());

        assertThat(codes.redeem(code, ISSUED.plus(LIFETIME), LIFETIME)).isInstanceOf(Redemption.Expired.class);
    }

    @Test
    void answersUnknownForACodeItNeverIssued() {
        assertThat(codes.redeem("0.Anever-issued", ISSUED, LIFETIME)).isInstanceOf(Redemption.Unknown.class);
    }

    private static AuthorizationCode code() {
        Session session = new Session(IdentitySeeds.users().get(0), ISSUED, false);
        return new AuthorizationCode("client", Realm.ENTRA, "http://localhost", Scopes.parse("openid"), null, null,
                null, session, ISSUED);
    }
}
