package io.crmbridge.token.operations;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.token.admin.*}: who may use the admin API, the connections page and the sign-in flows (HTTP
 * basic). Health, info and Prometheus stay open for probes and scrapers.
 */
@Validated
@ConfigurationProperties("crmbridge.token.admin")
record AdminProperties(@NotBlank String username, @NotBlank String password) {

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + "]";
    }
}
