package io.crmbridge.poller.capture;

import java.time.Clock;

import io.crmbridge.poller.subscription.ConnectionStates;
import io.crmbridge.poller.subscription.PollerSettings;
import io.crmbridge.poller.tracking.ChangeFeed;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The capture use case, the shard workers and the poke endpoint. */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    @Bean
    CaptureMetrics captureMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry available = registry.getIfAvailable();
        return available == null ? CaptureMetrics.NONE : new MicrometerCaptureMetrics(available);
    }

    @Bean
    CapturingChanges capturingChanges(ChangeFeed feed, CaptureMetrics metrics, PollerSettings settings) {
        return new CapturingChanges(feed, Clock.systemUTC(), metrics, settings.quietCommitInterval());
    }

    @Bean(destroyMethod = "close")
    OwnedSubscriptions ownedSubscriptions(PollerSettings settings, CapturingChanges capturing,
                                          ConnectionStates connections) {
        return new OwnedSubscriptions(settings.subscriptions(), capturing, connections,
                new Pacing(settings.initialBackoff(), settings.maxBackoff()), Clock.systemUTC(),
                settings.modifiedOnOverlap(), settings.stopTimeout());
    }

    @Bean
    RouterFunction<ServerResponse> pokeRoutes(OwnedSubscriptions owned) {
        return new PokeEndpoint(owned).routes();
    }
}
