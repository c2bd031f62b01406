package io.crmbridge.token.operations;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.crmbridge.token.refresh.LastKnownStatuses;
import io.crmbridge.token.refresh.RefreshingTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/** Metrics, the admin API and page, and who may use them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class OperationsConfiguration {

    /**
     * Event loops of its own for the web server. The shared global ones are disposed when the context closes, which
     * would take down every other Reactor Netty server in the JVM (the local stack runs the services and the sandbox
     * in one process; tests restart the service next to a running sandbox).
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    @Bean
    Statuses statuses(RefreshingTokens tokens, LastKnownStatuses reported) {
        return new Statuses(tokens, reported);
    }

    @Bean
    RefreshMetrics refreshMetrics(MeterRegistry registry, Clock clock) {
        return new RefreshMetrics(registry, clock);
    }

    @Bean
    SmartLifecycle metricsUpdates(RefreshMetrics metrics, ObjectProvider<RefreshingTokens> tokens) {
        return new SmartLifecycle() {
            private ScheduledExecutorService scheduler;

            @Override
            public synchronized void start() {
                metrics.watch(tokens.getObject());
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "token-metrics");
                    thread.setDaemon(true);
                    return thread;
                });
                scheduler.scheduleWithFixedDelay(metrics::update, 0, 5, TimeUnit.SECONDS);
            }

            @Override
            public synchronized void stop() {
                scheduler.shutdownNow();
                scheduler = null;
            }

            @Override
            public synchronized boolean isRunning() {
                return scheduler != null;
            }
        };
    }
}
