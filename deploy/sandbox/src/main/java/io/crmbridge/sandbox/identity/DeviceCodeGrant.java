package io.crmbridge.sandbox.identity;

import java.time.Clock;
import java.util.Optional;

import io.crmbridge.sandbox.identity.DeviceCodes.DeviceAuthorization;

/**
 * The device code grant (MSAL4J sends {@code grant_type=device_code}): {@code authorization_pending} until a person
 * signs in on the verification page or a test approves the code, {@code expired_token} after its lifetime, then the
 * user's tokens once; the code is gone after that.
 */
final class DeviceCodeGrant implements TokenGrant {

    private final DeviceCodes deviceCodes;
    private final Audiences audiences;
    private final UserTokens tokens;
    private final Clock clock;

    DeviceCodeGrant(DeviceCodes deviceCodes, Audiences audiences, UserTokens tokens, Clock clock) {
        this.deviceCodes = deviceCodes;
        this.audiences = audiences;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public TokenOutcome redeem(TokenRequest request, AppRegistration client) {
        String value = request.param("device_code") != null ? request.param("device_code") : request.param("code");
        if (value == null) {
            return refused(EntraErrors.missingParameter("device_code"));
        }
        Optional<DeviceAuthorization> found = deviceCodes.byDeviceCode(value)
                .filter(code -> code.realm() == request.authority().realm());
        if (found.isEmpty()) {
            return refused(GrantErrors.invalidGrant("device_code"));
        }
        DeviceAuthorization code = found.get();
        if (!code.clientId().equals(client.clientId())) {
            return refused(GrantErrors.issuedToAnotherClient("device_code"));
        }
        if (!code.expiresAt().isAfter(clock.instant()) || code.declined()) {
            deviceCodes.remove(code.deviceCode());
            return refused(code.declined() ? GrantErrors.authorizationDeclined() : GrantErrors.deviceCodeExpired());
        }
        if (code.approvedBy() == null) {
            return refused(GrantErrors.authorizationPending());
        }
        return issue(request, client, code);
    }

    private TokenOutcome issue(TokenRequest request, AppRegistration client, DeviceAuthorization code) {
        Checked<String> audience = audiences.single(code.scopes(), request.authority());
        deviceCodes.remove(code.deviceCode());
        if (audience.isRefused()) {
            return refused(audience.error());
        }
        Delegation delegation = new Delegation(client, code.approvedBy(), code.scopes(), audience.value(), null);
        return tokens.issue(request, delegation, code.scopes().offlineAccess() ? code.scopes() : null);
    }

    private static TokenOutcome refused(OAuthError error) {
        return new TokenOutcome.Refused(error);
    }
}
