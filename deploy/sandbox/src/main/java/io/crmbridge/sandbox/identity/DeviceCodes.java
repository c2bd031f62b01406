package io.crmbridge.sandbox.identity;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pending device authorizations (RFC 8628), keyed by device code; a person approves one by its user code. */
final class DeviceCodes {

    private final Map<String, DeviceAuthorization> byDeviceCode = new ConcurrentHashMap<>();

    DeviceAuthorization start(String clientId, Realm realm, Scopes scopes, Instant expiresAt) {
        DeviceAuthorization authorization = new DeviceAuthorization(OpaqueTokens.next("DAQAB", 48),
                OpaqueTokens.userCode(), clientId, realm, scopes, expiresAt, null, false);
        byDeviceCode.put(authorization.deviceCode(), authorization);
        return authorization;
    }

    Optional<DeviceAuthorization> byDeviceCode(String deviceCode) {
        return Optional.ofNullable(deviceCode).map(byDeviceCode::get);
    }

    Optional<DeviceAuthorization> byUserCode(String userCode) {
        String normalized = userCode == null ? "" : userCode.replace("-", "").trim().toUpperCase(Locale.ROOT);
        return byDeviceCode.values().stream().filter(code -> code.userCode().equals(normalized)).findFirst();
    }

    /** Records the person's answer; false when the code is unknown or expired. */
    boolean answer(String userCode, Session approvedBy, boolean declined, Instant now) {
        Optional<DeviceAuthorization> pending = byUserCode(userCode).filter(code -> code.expiresAt().isAfter(now));
        pending.ifPresent(code -> byDeviceCode.computeIfPresent(code.deviceCode(),
                (key, old) -> old.answered(approvedBy, declined)));
        return pending.isPresent();
    }

    void remove(String deviceCode) {
        byDeviceCode.remove(deviceCode);
    }

    /** A device code and what became of it; {@code approvedBy} stays null until someone signs in. */
    record DeviceAuthorization(String deviceCode, String userCode, String clientId, Realm realm, Scopes scopes,
                               Instant expiresAt, Session approvedBy, boolean declined) {

        DeviceAuthorization answered(Session session, boolean refused) {
            return new DeviceAuthorization(deviceCode, userCode, clientId, realm, scopes, expiresAt, session, refused);
        }
    }
}
