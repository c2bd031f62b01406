package io.crmbridge.token.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.token.connection.Connections;
import io.crmbridge.token.refresh.TokenIssuer;
import io.crmbridge.token.vault.Handovers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MSAL4J, the sign-in flows and their web endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
class OAuthConfiguration {

    @Bean
    OAuthSettings oauthSettings(OAuthProperties properties) {
        return new OAuthSettings(properties.publicUrl(), properties.instanceDiscovery(), socketFactory(properties),
                properties.connectTimeout(), properties.readTimeout(), properties.signInLifetime());
    }

    @Bean
    MsalCredentials msalCredentials() {
        return new MsalCredentials(System::getenv);
    }

    @Bean
    Authorities authorities(OAuthSettings settings, MsalCredentials credentials) {
        return new Authorities(settings, credentials);
    }

    @Bean
    TokenIssuer msalTokens(Authorities authorities, MsalCredentials credentials) {
        return new MsalTokens(authorities, credentials);
    }

    @Bean
    SigningIn signingIn(Connections connections, Authorities authorities, TokenCipher cipher, Handovers handovers,
                        OAuthSettings settings, Clock clock) {
        return new SigningIn(connections, authorities, new SignInStates(cipher, clock, settings.signInLifetime()),
                handovers, settings, clock);
    }

    private static Optional<SSLSocketFactory> socketFactory(OAuthProperties properties) {
        if (properties.trustStore() == null) {
            return Optional.empty();
        }
        char[] password = properties.trustStorePassword() == null ? new char[0]
                : properties.trustStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(properties.trustStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trust store " + properties.trustStore() + ": "
                    + e.getMessage(), e);
        }
    }
}
