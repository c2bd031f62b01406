package io.crmbridge.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Who is asking at the token endpoint. A public client must present no credential (AADSTS700025); a confidential
 * one a secret (7000215 wrong, 7000222 expired) or a certificate assertion; none at all is 7000218.
 */
final class ClientAuthentication {

    private final Directory directory;
    private final ClientAssertions assertions;
    private final Clock clock;
    private final Tenant tenant;

    ClientAuthentication(Directory directory, ClientAssertions assertions, Clock clock, Tenant tenant) {
        this.directory = directory;
        this.assertions = assertions;
        this.clock = clock;
        this.tenant = tenant;
    }

    Checked<AppRegistration> authenticate(TokenRequest request) {
        String clientId = request.param("client_id");
        if (clientId == null) {
            return Checked.refused(EntraErrors.missingParameter("client_id"));
        }
        Optional<AppRegistration> client = directory.client(clientId, request.authority().realm());
        if (client.isEmpty()) {
            return Checked.refused(request.authority().isAdfs()
                    ? AdfsErrors.unknownClient() : EntraErrors.unknownClient(clientId, tenant));
        }
        return authenticate(request, client.get());
    }

    private Checked<AppRegistration> authenticate(TokenRequest request, AppRegistration client) {
        String secret = request.param("client_secret");
        String assertion = request.param("client_assertion");
        if (!client.confidential()) {
            return secret != null || assertion != null
                    ? Checked.refused(EntraErrors.publicClientWithCredential()) : Checked.ok(client);
        }
        Optional<OAuthError> refusal;
        if (assertion != null) {
            refusal = ClientAssertions.JWT_BEARER.equals(request.param("client_assertion_type"))
                    ? assertions.verify(assertion, client, request.authority()
                            .assertionAudiences(tenant, request.requestOrigin()))
                    : Optional.of(EntraErrors.malformedAssertion());
        } else if (secret != null) {
            refusal = checkSecret(client, secret);
        } else {
            refusal = Optional.of(EntraErrors.missingClientCredential());
        }
        return refusal.<Checked<AppRegistration>>map(Checked::refused).orElseGet(() -> Checked.ok(client));
    }

    private Optional<OAuthError> checkSecret(AppRegistration client, String presented) {
        byte[] presentedBytes = presented.getBytes(StandardCharsets.UTF_8);
        return client.secrets().stream()
                .filter(secret -> MessageDigest.isEqual(secret.value().getBytes(StandardCharsets.UTF_8), presentedBytes))
                .findFirst()
                .map(secret -> secret.expiresAt().isAfter(clock.instant())
                        ? Optional.<OAuthError>empty() : Optional.of(EntraErrors.expiredSecret(client.clientId())))
                .orElseGet(() -> Optional.of(EntraErrors.invalidSecret(client.clientId())));
    }
}
