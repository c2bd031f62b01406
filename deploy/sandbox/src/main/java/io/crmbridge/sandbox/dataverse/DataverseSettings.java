package io.crmbridge.sandbox.dataverse;

import java.time.Duration;

/**
 * Behaviours of the sandbox's Dataverse (shared/reference/dataverse-webapi.md). Where the reference says
 * UNVERIFIED the behaviour is a setting here, with the most likely value as default.
 *
 * @param changeTrackingRetention      how long a delta token stays valid (ExpireChangeTrackingInDays; default 7 days)
 * @param trackingQueryOptionStatus    status for {@code $filter/$orderby/$top/$expand} with change tracking (400)
 * @param expiredDeltaTokenStatus      status of the 0x80044352 "Version stamp ... expired" error (400)
 * @param invalidDeltaTokenStatus      status for an unparsable or tampered {@code $deltatoken} (400)
 * @param untrackedTableRejected       {@code Prefer: odata.track-changes} on a table without change tracking:
 *                                     true = 400 error, false = the preference is ignored (no deltaLink)
 * @param duplicateKeyStatus           status of 0x80060892 (alternate-key duplicate on create; 412)
 * @param concurrencyMismatchCode      code of the 412 "version ... doesn't match" error (the doc shows "")
 * @param failedChangeSetAsOnePart     under {@code odata.continue-on-error}, a failed change set answers with one
 *                                     error part (OData 4.0) rather than one part per operation
 * @param authorizationUri             {@code authorization_uri} in 401 {@code WWW-Authenticate}; null means
 *                                     {@code {httpsBase}/{tenantId}/oauth2/authorize}
 * @param tenantId                     the seeded tenant, shown in the default authorization URI
 * @param serviceProtection            limits each new org starts with
 * @param tracking                     ETags and the change-tracking behaviours the reference leaves open
 */
public record DataverseSettings(Duration changeTrackingRetention, int trackingQueryOptionStatus,
                                int expiredDeltaTokenStatus, int invalidDeltaTokenStatus,
                                boolean untrackedTableRejected, int duplicateKeyStatus,
                                String concurrencyMismatchCode, boolean failedChangeSetAsOnePart,
                                String authorizationUri, String tenantId,
                                ServiceProtectionLimits serviceProtection, TrackingBehaviour tracking) {

    /** Most pages a response may hold, and the default page size (reference §1.3). */
    static final int MAX_PAGE_SIZE = 5000;
    /** Most requests a {@code $batch} may hold (reference §4.1). */
    static final int MAX_BATCH_REQUESTS = 1000;

    public static DataverseSettings defaults() {
        return new DataverseSettings(Duration.ofDays(7), 400, 400, 400, true, 412, "0x80060882", true, null,
                "00000000-0000-4000-8000-0000000000c0", ServiceProtectionLimits.defaults(),
                TrackingBehaviour.defaults());
    }

    public DataverseSettings withChangeTrackingRetention(Duration retention) {
        return new DataverseSettings(retention, trackingQueryOptionStatus, expiredDeltaTokenStatus,
                invalidDeltaTokenStatus, untrackedTableRejected, duplicateKeyStatus, concurrencyMismatchCode,
                failedChangeSetAsOnePart, authorizationUri, tenantId, serviceProtection, tracking);
    }

    public DataverseSettings withUntrackedTableRejected(boolean rejected) {
        return new DataverseSettings(changeTrackingRetention, trackingQueryOptionStatus, expiredDeltaTokenStatus,
                invalidDeltaTokenStatus, rejected, duplicateKeyStatus, concurrencyMismatchCode,
                failedChangeSetAsOnePart, authorizationUri, tenantId, serviceProtection, tracking);
    }

    public DataverseSettings withFailedChangeSetAsOnePart(boolean onePart) {
        return new DataverseSettings(changeTrackingRetention, trackingQueryOptionStatus, expiredDeltaTokenStatus,
                invalidDeltaTokenStatus, untrackedTableRejected, duplicateKeyStatus, concurrencyMismatchCode,
                onePart, authorizationUri, tenantId, serviceProtection, tracking);
    }

    public DataverseSettings withServiceProtection(ServiceProtectionLimits limits) {
        return new DataverseSettings(changeTrackingRetention, trackingQueryOptionStatus, expiredDeltaTokenStatus,
                invalidDeltaTokenStatus, untrackedTableRejected, duplicateKeyStatus, concurrencyMismatchCode,
                failedChangeSetAsOnePart, authorizationUri, tenantId, limits, tracking);
    }

    public DataverseSettings withTracking(TrackingBehaviour behaviour) {
        return new DataverseSettings(changeTrackingRetention, trackingQueryOptionStatus, expiredDeltaTokenStatus,
                invalidDeltaTokenStatus, untrackedTableRejected, duplicateKeyStatus, concurrencyMismatchCode,
                failedChangeSetAsOnePart, authorizationUri, tenantId, serviceProtection, behaviour);
    }
}
