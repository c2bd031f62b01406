package io.crmbridge.poller.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.crm.token.AccessTokens;
import io.crmbridge.crm.webapi.DataverseWebApi;
import io.crmbridge.crm.webapi.WebApiSettings;
import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.TableCatalog;
import io.crmbridge.poller.subscription.PollerSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Dataverse Web API client and the change feed over it. */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DataverseWebApi dataverseWebApi(PollerSettings settings, AccessTokens tokens,
                                    ObjectProvider<SslBundles> bundles) {
        PollerSettings.DataverseClient client = settings.dataverse();
        WebApiSettings webApi = WebApiSettings.defaults()
                .withTimeouts(client.requestTimeout(), client.tokenWait())
                .withMetadataMaxAge(client.metadataMaxAge())
                .withRetry(RetrySettings.defaults().withMaxAttempts(client.maxAttempts())
                        .withBackoff(client.backoffUnit(), client.maxBackoff()));
        var trust = client.sslBundle() == null ? null
                : bundles.getObject().getBundle(client.sslBundle()).getManagers().getTrustManagerFactory();
        return new DataverseWebApi(webApi, tokens, DataverseWebApi.httpClient(trust), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    ChangeFeed changeFeed(DataverseWebApi api, ConnectionStates connections, PollerSettings settings) {
        ChangeFeed dataverse = new DataverseChangeFeed(api, connections, settings.dataverse().readTimeout());
        if (!settings.dataverse().prefetch()) {
            return dataverse;
        }
        ExecutorService prefetching = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "poller-prefetch");
            thread.setDaemon(true);
            return thread;
        });
        return new PrefetchingChangeFeed(dataverse, prefetching, Clock.systemUTC(), Duration.ofSeconds(30));
    }

    @Bean
    TableCatalog tableCatalog(DataverseWebApi api, ConnectionStates connections, PollerSettings settings) {
        return new DataverseTables(api, connections, settings.dataverse().readTimeout());
    }
}
