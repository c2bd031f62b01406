package io.crmbridge.action.dataverse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.TrustManagerFactory;

import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.crm.governor.GovernorSettings;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.WebApiSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Web API adapters: writes and table definitions through crm-client. */
@Configuration(proxyBeanMethods = false)
class DataverseConfiguration {

    @Bean
    RetrySettings retrySettings(DataverseSettings settings) {
        return new RetrySettings(settings.maxAttempts(), settings.backoffUnit(), Duration.ofSeconds(60),
                settings.maxRetryAfter());
    }

    @Bean
    DataverseWebApi dataverseWebApi(DataverseSettings settings, RetrySettings retry, AccessTokens tokens) {
        GovernorSettings governor = GovernorSettings.defaults().withMaxConcurrency(settings.maxConcurrency())
                .withRates(settings.initialRate(), Math.min(0.2, settings.initialRate()), settings.maxRate())
                .withIncrease(settings.rateIncrease());
        WebApiSettings webApi = WebApiSettings.defaults().withRetry(retry).withGovernor(governor)
                .withTimeouts(settings.requestTimeout(), settings.tokenWait())
                .withMetadataMaxAge(settings.metadataMaxAge());
        return new DataverseWebApi(webApi, tokens, DataverseWebApi.httpClient(trust(settings)), Clock.systemUTC());
    }

    @Bean
    OrgConnections orgConnections(DataverseWebApi api, AccessTokens tokens, DataverseSettings settings) {
        return new OrgConnections(api, tokens, settings.tokenWait());
    }

    @Bean
    WebApiDataverse webApiDataverse(OrgConnections connections) {
        return new WebApiDataverse(connections);
    }

    @Bean
    WebApiTables webApiTables(OrgConnections connections) {
        return new WebApiTables(connections);
    }

    private static TrustManagerFactory trust(DataverseSettings settings) {
        if (settings.trustStore().isBlank()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(settings.trustStore()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, settings.trustStorePassword().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the Dataverse trust store " + settings.trustStore(), e);
        }
    }
}
