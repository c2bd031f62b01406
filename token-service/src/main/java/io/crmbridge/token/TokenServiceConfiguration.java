package io.crmbridge.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.crmbridge.token.connection.ConfiguredConnections;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionAdministration;
import io.crmbridge.token.connection.ConnectionValidation.Validated;
import io.crmbridge.token.connection.ConnectionValidation;
import io.crmbridge.token.connection.Connections;
import io.crmbridge.token.oauth.OAuthSettings;
import io.crmbridge.token.refresh.RefreshOutcomes;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.crmbridge.token.vault.Shards;
import io.crmbridge.token.refresh.TokenIssuer;
import io.crmbridge.token.refresh.TokenUpdates;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the plain-Java core (connection/, refresh/), which knows nothing of Spring: the configured connections,
 * their administration and the refresh use case with its worker threads and ticker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConnectionsProperties.class, RefreshProperties.class})
class TokenServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConfiguredConnections configuredConnections(ConnectionsProperties properties, Clock clock) {
        List<Connection> valid = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ConnectionsProperties.Definition definition : properties.connections()) {
            Validated validated = ConnectionValidation.validate(definition.draft(), clock.instant());
            if (validated instanceof Validated.Invalid invalid) {
                invalid.problems().forEach(p -> problems.add("crmbridge.token.connections[" + definition.id() + "]: "
                        + p));
            } else {
                valid.add(((Validated.Valid) validated).connection());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid connection definitions:\n  " + String.join("\n  ", problems));
        }
        return new ConfiguredConnections(valid);
    }

    @Bean
    ConnectionAdministration connectionAdministration(Connections connections, ConfiguredConnections configured,
                                                      Clock clock) {
        return new ConnectionAdministration(connections, configured.all(), clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService refreshWorkers(RefreshProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.workers(), runnable -> {
            Thread thread = new Thread(runnable, "token-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    RefreshingTokens refreshingTokens(Connections connections, TokenIssuer issuer, TokenUpdates updates,
                                      RefreshProperties properties, Clock clock, ExecutorService refreshWorkers,
                                      Shards shards, OAuthSettings oauth, ObjectProvider<RefreshOutcomes> outcomes) {
        RefreshingTokens tokens = RefreshingTokens.over(connections, issuer, updates)
                .settings(properties.settings()).clock(clock).executor(refreshWorkers).shards(shards)
                .reconnectUrls(id -> oauth.connectUrl(id.value()))
                .outcomes(outcomes.getIfAvailable(() -> RefreshOutcomes.NONE)).random(new SecureRandom()).build();
        connections.subscribe(tokens);
        return tokens;
    }

    @Bean
    RefreshTicker refreshTicker(RefreshingTokens tokens, ExecutorService refreshWorkers, RefreshProperties properties) {
        return new RefreshTicker(tokens, refreshWorkers, properties.tick());
    }
}
