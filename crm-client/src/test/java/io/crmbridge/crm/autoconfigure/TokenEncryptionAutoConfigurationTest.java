package io.crmbridge.crm.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.crmbridge.crm.token.TokenCipher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The one binding of crmbridge.token-encryption: keys validated at start-up, errors naming the property. */
class TokenEncryptionAutoConfigurationTest {

    private static final String KEY = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenEncryptionAutoConfiguration.class));

    @Test
    void sealsWithTheActiveKeyAndOpensWithAnyConfiguredOne() {
        runner.withPropertyValues("crmbridge.token-encryption.active-key-id=k2",
                        "crmbridge.token-encryption.keys.k1=" + KEY, "crmbridge.token-encryption.keys.k2=" + KEY)
                .run(context -> {
                    TokenCipher cipher = context.getBean(TokenCipher.class);
                    TokenCipher.Sealed sealed = cipher.seal("secret".getBytes(StandardCharsets.UTF_8), new byte[0]);
                    assertThat(sealed.keyId()).isEqualTo("k2");
                    assertThat(new String(cipher.open(sealed, new byte[0]), StandardCharsets.UTF_8))
                            .isEqualTo("secret");
                });
    }

    @Test
    void refusesToStartWithoutKeysNamingTheProperty() {
        runner.withPropertyValues("crmbridge.token-encryption.active-key-id=k1").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crmbridge.token-encryption.keys is empty"));
    }

    @Test
    void refusesToStartWithoutAnActiveKeyIdNamingTheProperty() {
        runner.withPropertyValues("crmbridge.token-encryption.keys.k1=" + KEY).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crmbridge.token-encryption.active-key-id is not set"));
    }

    @Test
    void refusesAMalformedKeyWithoutEchoingIt() {
        runner.withPropertyValues("crmbridge.token-encryption.active-key-id=k1",
                "crmbridge.token-encryption.keys.k1=c2hvcnQ=").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crmbridge.token-encryption: key 'k1' must be 32 bytes")
                        .hasMessageNotContaining("c2hvcnQ="));
    }
}
