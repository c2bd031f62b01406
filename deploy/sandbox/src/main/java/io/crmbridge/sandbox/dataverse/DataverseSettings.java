package io.crmbridge.sandbox.dataverse;

import java.time.Duration;

/**
 * Behaviours of the sandbox's Dataverse (shared/reference/dataverse-webapi.md); UNVERIFIED ones are settings.
 *
 * @param changeTrackingRetention how long a delta token stays valid (ExpireChangeTrackingInDays; default 7 days)
 */
public record DataverseSettings(Duration changeTrackingRetention) {

    public static DataverseSettings defaults() {
        return new DataverseSettings(Duration.ofDays(7));
    }
}
