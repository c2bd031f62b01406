package io.crmbridge.token;

import java.time.Duration;

import io.crmbridge.token.refresh.RefreshSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crmbridge.token.refresh.*} (see {@link RefreshSettings} for the meaning of each duration).
 *
 * @param tick    how often due refreshes are looked for
 * @param workers threads calling the identity providers
 */
@Validated
@ConfigurationProperties("crmbridge.token.refresh")
record RefreshProperties(@DefaultValue("5m") Duration margin, @DefaultValue("2m") Duration jitter,
                         @DefaultValue("10s") Duration minInterval, @DefaultValue("5s") Duration backoffInitial,
                         @DefaultValue("5m") Duration backoffMax, @DefaultValue("90d") Duration refreshTokenInactivity,
                         @DefaultValue("7d") Duration keepAlive, @DefaultValue("30d") Duration credentialWarning,
                         @DefaultValue("1s") Duration tick, @DefaultValue("4") @Min(1) @Max(64) int workers) {

    RefreshSettings settings() {
        return new RefreshSettings(margin, jitter, minInterval, backoffInitial, backoffMax, refreshTokenInactivity,
                keepAlive, credentialWarning);
    }
}
