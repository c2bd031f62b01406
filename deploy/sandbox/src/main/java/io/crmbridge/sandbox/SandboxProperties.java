package io.crmbridge.sandbox;

import java.time.Duration;

import io.crmbridge.sandbox.dataverse.DataverseSettings;
import io.crmbridge.sandbox.dataverse.TrackingBehaviour;
import io.crmbridge.sandbox.identity.IdentitySettings;
import io.crmbridge.sandbox.identity.Lifetimes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The runnable sandbox's configuration ({@code sandbox.*} in {@code sandbox.yml}, {@code --sandbox.https-port=...}
 * or {@code SANDBOX_HTTPS_PORT}). Lifetimes left unset keep the defaults of {@link IdentitySettings} and
 * {@link DataverseSettings}, so the code stays the one place those are written down.
 *
 * @param host      host name in the URLs the sandbox hands out (the certificate covers localhost and 127.0.0.1)
 * @param httpsPort Dataverse, Entra ID / AD FS and admin; 0 picks a free port
 * @param httpPort  schema registry and admin over plain HTTP; 0 picks a free port
 */
@Validated
@ConfigurationProperties("sandbox")
record SandboxProperties(@DefaultValue("localhost") @NotBlank String host,
                         @DefaultValue("8443") @Min(0) @Max(65535) int httpsPort,
                         @DefaultValue("8081") @Min(0) @Max(65535) int httpPort,
                         @DefaultValue @Valid Identity identity,
                         @DefaultValue @Valid Dataverse dataverse) {

    SandboxSettings toSettings() {
        SandboxSettings defaults = SandboxSettings.defaults();
        return new SandboxSettings(host, httpsPort, httpPort, identity.applyTo(defaults.identity()),
                dataverse.applyTo(defaults.dataverse()));
    }

    /**
     * @param accessTokenLifetime    lifetime of issued access tokens
     * @param refreshTokenInactivity idle time after which an Entra refresh token is refused (AADSTS700082)
     * @param clientSecretLifetime   validity of the seeded client secrets from start (AADSTS7000222 after it)
     */
    record Identity(@DurationMin(seconds = 1) Duration accessTokenLifetime,
                    @DurationMin(seconds = 1) Duration refreshTokenInactivity,
                    @DurationMin(seconds = 1) Duration clientSecretLifetime) {

        IdentitySettings applyTo(IdentitySettings settings) {
            Lifetimes lifetimes = settings.lifetimes();
            if (accessTokenLifetime != null) {
                lifetimes = lifetimes.withAccessToken(accessTokenLifetime);
            }
            if (refreshTokenInactivity != null) {
                lifetimes = lifetimes.withRefreshTokenInactivity(refreshTokenInactivity);
            }
            if (clientSecretLifetime != null) {
                lifetimes = lifetimes.withClientSecret(clientSecretLifetime);
            }
            return settings.withLifetimes(lifetimes);
        }
    }

    /**
     * @param changeTrackingRetention how long a delta token stays valid (ExpireChangeTrackingInDays)
     * @param etags                   SEPARATE_SEQUENCE or SCRAMBLED ({@link TrackingBehaviour.Etags})
     * @param initialPages            PAGED or SINGLE_PAGE
     * @param emptyDelta              NEW_TOKEN or SAME_TOKEN
     * @param initialOrder            PRIMARY_KEY or SHUFFLED_WITHIN_PAGES
     */
    record Dataverse(@DurationMin(seconds = 1) Duration changeTrackingRetention, TrackingBehaviour.Etags etags,
                     TrackingBehaviour.InitialPages initialPages, TrackingBehaviour.EmptyDelta emptyDelta,
                     TrackingBehaviour.InitialOrder initialOrder) {

        DataverseSettings applyTo(DataverseSettings settings) {
            DataverseSettings applied = changeTrackingRetention == null ? settings
                    : settings.withChangeTrackingRetention(changeTrackingRetention);
            TrackingBehaviour tracking = applied.tracking();
            tracking = etags == null ? tracking : tracking.with(etags);
            tracking = initialPages == null ? tracking : tracking.with(initialPages);
            tracking = emptyDelta == null ? tracking : tracking.with(emptyDelta);
            tracking = initialOrder == null ? tracking : tracking.with(initialOrder);
            return applied.withTracking(tracking);
        }
    }
}
