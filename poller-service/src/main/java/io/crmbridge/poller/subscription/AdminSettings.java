package io.crmbridge.poller.subscription;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.poller.admin.*}: who may use the subscriptions API (HTTP basic). Health, info and Prometheus
 * stay open for probes and scrapers, and so does the poke endpoint, which webhooks call.
 */
@Validated
@ConfigurationProperties("crmbridge.poller.admin")
record AdminSettings(@NotBlank String username, @NotBlank String password) {

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + "]";
    }
}
